namespace Valmetal.DeviceContract.Connection;

/// <summary>
/// One device's reconnection state under a <see cref="ReconnectBackoff"/>: when the next attempt may start, and how many
/// attempts have failed since the last connection. Not thread-safe: a device's connection loop owns it.
/// </summary>
public sealed class ReconnectSchedule(ReconnectBackoff backoff, Random random)
{
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;

    /// <summary>Attempts failed since the last successful connection (0 right after a connection is lost).</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>Whether an attempt may start at <paramref name="now"/>; true until the first failure.</summary>
    public bool IsDue(DateTimeOffset now) => now >= _nextAttempt;

    /// <summary>The wait before the next attempt, from <paramref name="now"/>; zero when one is due.</summary>
    public TimeSpan WaitFrom(DateTimeOffset now) => IsDue(now) ? TimeSpan.Zero : _nextAttempt - now;

    /// <summary>An attempt failed, or an open connection was lost: the next attempt waits a jittered, growing delay.</summary>
    public TimeSpan Failed(DateTimeOffset now)
    {
        var delay = backoff.Delay(FailedAttempts, random);
        FailedAttempts++;
        _nextAttempt = now + delay;
        return delay;
    }

    /// <summary>Connected: the next loss starts again from the shortest ceiling.</summary>
    public void Connected()
    {
        FailedAttempts = 0;
        _nextAttempt = DateTimeOffset.MinValue;
    }
}
