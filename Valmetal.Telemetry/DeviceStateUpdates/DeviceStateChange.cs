using System.Text.Json.Nodes;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceState;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>What one message changes in a device's live state; several are merged before one DynamoDB write.</summary>
public sealed class DeviceStateChange(string thing)
{
    public string Thing { get; } = thing;
    public DateTimeOffset? LastSeen { get; private set; }
    public bool? Online { get; private set; }
    public DateTimeOffset? StatusChangedAt { get; private set; }
    public Dictionary<string, MetricReading> Metrics { get; } = new(StringComparer.Ordinal);
    public JsonObject? Reported { get; private set; }
    public long? ReportedVersion { get; private set; }

    public DeviceStateChange Seen(DateTimeOffset at)
    {
        if (LastSeen is null || at > LastSeen)
        {
            LastSeen = at;
        }

        return this;
    }

    public DeviceStateChange Status(bool online, DateTimeOffset at)
    {
        if (StatusChangedAt is null || at >= StatusChangedAt)
        {
            Online = online;
            StatusChangedAt = at;
        }

        return this;
    }

    public DeviceStateChange Metric(string metric, double value, DateTimeOffset at)
    {
        if (!Metrics.TryGetValue(metric, out var current) || at >= current.Ts)
        {
            Metrics[metric] = new MetricReading(value, at);
        }

        return this;
    }

    /// <summary>Partial merge: later keys win, a null value is kept so the write deletes that key.</summary>
    public DeviceStateChange Report(JsonObject reported, long version)
    {
        Reported ??= new JsonObject();
        foreach (var (key, value) in reported)
        {
            Reported[key] = value?.DeepClone();
        }

        ReportedVersion = ReportedVersion is null ? version : Math.Max(ReportedVersion.Value, version);
        return this;
    }

    public void MergeFrom(DeviceStateChange other)
    {
        if (other.LastSeen is { } seen)
        {
            Seen(seen);
        }

        if (other.Online is { } online)
        {
            Status(online, other.StatusChangedAt!.Value);
        }

        foreach (var (metric, reading) in other.Metrics)
        {
            Metric(metric, reading.Value, reading.Ts);
        }

        if (other.Reported is not null)
        {
            Report(other.Reported, other.ReportedVersion ?? 0);
        }
    }
}
