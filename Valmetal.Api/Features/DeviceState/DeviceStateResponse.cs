using System.Text.Json.Nodes;
using Valmetal.DeviceContract.Schema;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>
/// A device's live state; <c>Online</c> already accounts for the model's inactivity timeout. <c>Metadata</c> says when
/// each reported and desired key was last written, like an IoT shadow's metadata.
/// </summary>
public sealed record DeviceStateResponse(
    string SerialNumber,
    bool Online,
    DateTimeOffset? LastSeen,
    DateTimeOffset? StatusChangedAt,
    IReadOnlyDictionary<string, MetricReading> Metrics,
    JsonObject Reported,
    long? ReportedVersion,
    JsonObject Desired,
    long DesiredVersion,
    JsonObject Delta,
    ShadowMetadata Metadata)
{
    public static DeviceStateResponse From(string serialNumber, DeviceStateSnapshot? snapshot, TimeSpan inactivityTimeout, DateTimeOffset now)
    {
        if (snapshot is null)
        {
            return new DeviceStateResponse(serialNumber, false, null, null, new Dictionary<string, MetricReading>(), [], null, [], 0, [], ShadowMetadata.None);
        }

        return new DeviceStateResponse(serialNumber, OnlineRule.IsOnline(snapshot.Online, snapshot.LastSeen, inactivityTimeout, now), snapshot.LastSeen, snapshot.StatusChangedAt,
            snapshot.Metrics, snapshot.Reported, snapshot.ReportedVersion, snapshot.Desired, snapshot.DesiredVersion, snapshot.Delta,
            new ShadowMetadata(snapshot.ReportedTimestamps, snapshot.DesiredTimestamps));
    }
}

public sealed record ShadowMetadata(IReadOnlyDictionary<string, DateTimeOffset> Reported, IReadOnlyDictionary<string, DateTimeOffset> Desired)
{
    public static readonly ShadowMetadata None = new(new Dictionary<string, DateTimeOffset>(), new Dictionary<string, DateTimeOffset>());
}
