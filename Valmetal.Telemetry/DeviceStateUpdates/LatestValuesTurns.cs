using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// When a device's latest values may be written to its shadow again. Each device has its own turn in every
/// <see cref="IngestionOptions.LatestValuesInterval"/>, fixed by its thing name, so a fleet's writes spread evenly over
/// the interval. Were a device due an interval after its last write, a fleet first written together (all of it, when
/// a replica starts or the fleet comes online) would stay in step: at 10,000 devices one burst of 10,000 DynamoDB writes
/// every 30 s, which held the fleet bench's machine for 8-10 s each time (docs/benchmarks.md, "Latest values in the
/// device shadow"), and on AWS a burst is what a partition's throughput limit throttles.
/// </summary>
public static class LatestValuesTurns
{
    /// <summary>
    /// The least time between two writes of one device: an interval less one flush, since a turn is taken at the first
    /// flush after it comes, up to one flush late, and the next turn must still count.
    /// </summary>
    public static TimeSpan MinimumSpacing(IngestionOptions options) =>
        options.LatestValuesInterval > options.StateFlushInterval ? options.LatestValuesInterval - options.StateFlushInterval : TimeSpan.Zero;

    /// <summary>The device's first turn at or after <paramref name="notBefore"/>; every replica computes the same.</summary>
    public static DateTimeOffset NextTurn(string thing, DateTimeOffset notBefore, TimeSpan interval)
    {
        var phase = (long)(StableHash(thing) % (ulong)interval.Ticks);
        var turns = (notBefore.UtcTicks - phase + interval.Ticks - 1) / interval.Ticks;
        return new DateTimeOffset(phase + turns * interval.Ticks, TimeSpan.Zero);
    }

    /// <summary>FNV-1a: the same in every process, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong StableHash(string thing)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in thing)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
