using System.Text.Json.Nodes;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>A device's live state; <c>Online</c> already accounts for the model's inactivity timeout.</summary>
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
    JsonObject Delta)
{
    public static DeviceStateResponse From(string serialNumber, DeviceStateSnapshot? snapshot, TimeSpan inactivityTimeout, DateTimeOffset now)
    {
        if (snapshot is null)
        {
            return new DeviceStateResponse(serialNumber, false, null, null, new Dictionary<string, MetricReading>(), [], null, [], 0, []);
        }

        var heardFromRecently = snapshot.LastSeen is { } seen && now - seen <= inactivityTimeout;
        return new DeviceStateResponse(serialNumber, snapshot.Online && heardFromRecently, snapshot.LastSeen, snapshot.StatusChangedAt,
            snapshot.Metrics, snapshot.Reported, snapshot.ReportedVersion, snapshot.Desired, snapshot.DesiredVersion, snapshot.Delta);
    }
}
