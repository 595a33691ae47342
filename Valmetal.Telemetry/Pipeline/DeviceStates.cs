using Valmetal.Telemetry.DeviceStateUpdates;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>A device's state changes of one batch merged into one write, with the messages they came from.</summary>
public sealed record DeviceStates(Guid FarmId, DeviceStateChange Change, List<IngestItem> Items)
{
    /// <summary>Status and reported state are written before acknowledging; a device with only new values waits for the flush.</summary>
    public bool IsStatement => Change.Online is not null || Change.Reported is not null;

    public static Dictionary<string, DeviceStates> Merge(IEnumerable<IngestItem> items)
    {
        var merged = new Dictionary<string, DeviceStates>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.StateChange is not { } change || item.FarmId is not { } farmId)
            {
                continue;
            }

            if (!merged.TryGetValue(change.Thing, out var device))
            {
                device = new DeviceStates(farmId, new DeviceStateChange(change.Thing), []);
                merged[change.Thing] = device;
            }

            device.Change.MergeFrom(change);
            device.Items.Add(item);
        }

        return merged;
    }
}
