namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>The suite's one way to wait for something to become true: poll, bounded, never a bare sleep.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Polls until <paramref name="done"/> holds for the probe's value or the timeout passes, and returns the last value
    /// either way: the caller asserts on it, so a failure says what was seen rather than only that time ran out.
    /// </summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Polls until the probe returns a value, or fails with what it was waiting for.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class =>
        await PollAsync(probe, value => value is not null, timeout)
        ?? throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}.");
}
