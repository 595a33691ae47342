namespace Valmetal.DeviceContract.Connection;

/// <summary>
/// How long a device waits before its next connection attempt (docs/device-contract.md, "Delivery, reconnecting and
/// backfill"): exponential backoff with full jitter, a random wait between zero and min(<see cref="Cap"/>,
/// <see cref="Base"/> × 2^attempt), where attempt counts the failed attempts since the last successful connection.
/// The jitter is what lets a whole fleet come back after a broker outage: devices cut off at the same instant would
/// otherwise all knock again at the same instants, and the broker would spend every round refusing handshakes it has
/// no time to finish.
/// </summary>
public sealed record ReconnectBackoff(TimeSpan Base, TimeSpan Cap)
{
    /// <summary>The contract's values: the first retry within a second, none later than 30 s after the previous one.</summary>
    public static ReconnectBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>The longest wait before attempt number <paramref name="attempt"/> (0 after the connection was lost).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // Doubling past 2^30 only overflows: the cap is reached long before.
        var doubled = Base.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        return TimeSpan.FromTicks((long)Math.Min(doubled, Cap.Ticks));
    }

    /// <summary>A wait drawn uniformly from [0, <see cref="Ceiling"/>].</summary>
    public TimeSpan Delay(int attempt, Random random) => TimeSpan.FromTicks((long)(Ceiling(attempt).Ticks * random.NextDouble()));
}
