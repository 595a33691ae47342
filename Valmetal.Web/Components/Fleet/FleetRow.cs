using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>One piece of equipment on the fleet page, with the latest values as they stream in.</summary>
public sealed class FleetRow(FleetRowSnapshot snapshot)
{
    public EquipmentView Equipment { get; } = snapshot.Equipment;
    public bool Online { get; set; } = snapshot.Online;
    public OperatingState State { get; set; } = snapshot.State;
    public DateTimeOffset? LastSeen { get; set; } = snapshot.LastSeen;
    public DueTask? NextDue { get; } = snapshot.NextDue;
    public int ActiveAlarms { get; set; } = snapshot.ActiveAlarms;
    public SortedDictionary<string, double> Metrics { get; } = new(snapshot.Values, StringComparer.Ordinal);

    /// <summary>A live update can bring a unit back online or take it offline; it says nothing about fault or mode.</summary>
    public void SetOnline(bool online)
    {
        Online = online;
        State = !online ? OperatingState.Offline : State == OperatingState.Offline ? OperatingState.Running : State;
    }
}
