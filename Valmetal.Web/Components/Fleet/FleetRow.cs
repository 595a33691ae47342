using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>One piece of equipment on the fleet page, with the latest values as they stream in.</summary>
public sealed class FleetRow(EquipmentView equipment)
{
    public EquipmentView Equipment { get; } = equipment;
    public bool Online { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public SortedDictionary<string, ReadingView> Metrics { get; } = new(StringComparer.Ordinal);

    public void Apply(DeviceStateView state)
    {
        Online = state.Online;
        LastSeen = state.LastSeen;
        foreach (var (key, reading) in state.Metrics)
        {
            Metrics[key] = reading;
        }
    }
}
