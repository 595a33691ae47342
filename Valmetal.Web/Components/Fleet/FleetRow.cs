using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>One piece of equipment on the fleet page, with the latest values as they stream in.</summary>
public sealed class FleetRow(EquipmentView equipment)
{
    public EquipmentView Equipment { get; } = equipment;
    public bool Online { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public SortedDictionary<string, ReadingView> Metrics { get; } = new(StringComparer.Ordinal);

    public static FleetRow From(FleetRowSnapshot snapshot)
    {
        var row = new FleetRow(snapshot.Equipment) { Online = snapshot.Online, LastSeen = snapshot.LastSeen };
        foreach (var (key, value) in snapshot.Values)
        {
            row.Metrics[key] = new ReadingView(value, snapshot.LastSeen ?? DateTimeOffset.MinValue);
        }

        return row;
    }
}
