using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>
/// How the cache combines what it holds with what arrives. Each part keeps its newest version, so a read that
/// started before a live update (DynamoDB's latest values lag the live stream by up to the telemetry service's LatestValuesInterval) or an
/// eventually consistent resync never moves a unit back in time. Snapshots are never changed in place: each merge
/// makes a new one, and the JSON objects inside are shared read-only.
/// </summary>
public static class DeviceStateMerge
{
    /// <summary>The cached state with a newer read of the store folded in.</summary>
    public static DeviceStateSnapshot Newest(DeviceStateSnapshot? cached, DeviceStateSnapshot? read)
    {
        if (cached is null || read is null)
        {
            return (read ?? cached)!;
        }

        var metrics = new Dictionary<string, MetricReading>(cached.Metrics, StringComparer.Ordinal);
        foreach (var (name, reading) in read.Metrics)
        {
            if (!metrics.TryGetValue(name, out var held) || reading.Ts >= held.Ts)
            {
                metrics[name] = reading;
            }
        }

        var status = cached.StatusChangedAt > read.StatusChangedAt ? cached : read;
        // Reported and desired state reach the cache only from the store; versions only grow, so the higher one is newer.
        var reported = cached.ReportedVersion > read.ReportedVersion ? cached : read;
        var desired = cached.DesiredVersion > read.DesiredVersion ? cached : read;
        return new DeviceStateSnapshot(read.Thing, status.Online, status.StatusChangedAt, Later(cached.LastSeen, read.LastSeen), metrics,
            reported.Reported, reported.ReportedVersion, desired.Desired, desired.DesiredVersion, reported.ReportedTimestamps, desired.DesiredTimestamps);
    }

    /// <summary>A live update's values and connectivity applied to the cached state (null: the unit was never heard from).</summary>
    public static DeviceStateSnapshot Apply(DeviceStateSnapshot? cached, LiveUpdate update)
    {
        cached ??= new DeviceStateSnapshot(update.Thing, false, null, null, new Dictionary<string, MetricReading>(), [], null, [], 0,
            new Dictionary<string, DateTimeOffset>(), new Dictionary<string, DateTimeOffset>());
        var metrics = cached.Metrics;
        if (update.Metrics is { Count: > 0 })
        {
            var merged = new Dictionary<string, MetricReading>(cached.Metrics, StringComparer.Ordinal);
            foreach (var (name, value) in update.Metrics)
            {
                // The update carries its newest sample time only; metrics of one message share it.
                if (!merged.TryGetValue(name, out var held) || update.Ts >= held.Ts)
                {
                    merged[name] = new MetricReading(value, update.Ts);
                }
            }

            metrics = merged;
        }

        var (online, changedAt) = (cached.Online, cached.StatusChangedAt);
        if (update.Online is { } status && (update.StatusChangedAt ?? update.Ts) is var at && !(changedAt > at))
        {
            (online, changedAt) = (status, at);
        }

        return cached with { Online = online, StatusChangedAt = changedAt, LastSeen = Later(cached.LastSeen, update.LastSeen), Metrics = metrics };
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a > b ? a : b ?? a;
}
