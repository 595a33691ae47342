using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.Schema;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

public static class DeviceStateResponses
{
    /// <summary>The state as the API shows it; a device never heard from is offline with nothing reported.</summary>
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
