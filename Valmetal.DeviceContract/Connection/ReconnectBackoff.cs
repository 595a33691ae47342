namespace Valmetal.DeviceContract.Connection;

/// <summary>
/// How long a device waits before its next connection attempt (docs/device-contract.md, "Delivery, reconnecting and
/// backfill"): exponential backoff with full jitter, a random wait between zero and min(<see cref="Cap"/>,
/// <see cref="Base"/> × 2^attempt), where attempt counts the failed attempts since the last successful connection.
/// The jitter is what lets a whole fleet come back after a broker outage: devices cut off at the same instant would
/// otherwise all knock again at the same instants, and the broker would spend every round refusing handshakes it has
/// no time to finish.
/// <see cref="AttemptDeadline"/> is how long one attempt may take, from the TCP connect to the CONNACK. It is long on
/// purpose: a broker busy with a fleet's reconnections finishes the handshakes it has begun in turn, and an attempt
/// abandoned part-way has cost the broker its handshake and connected nobody. With a short deadline, once more
/// handshakes are in progress than the broker finishes within it, nearly every attempt is abandoned and the fleet stops
/// coming back (docs/benchmarks.md, "Fleet scale").
/// </summary>
public sealed record ReconnectBackoff(TimeSpan Base, TimeSpan Cap, TimeSpan AttemptDeadline)
{
    /// <summary>
    /// The contract's values: the first retry within a second, none later than 30 s after the previous one, and a minute
    /// for an attempt to be answered.
    /// </summary>
    public static ReconnectBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

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
