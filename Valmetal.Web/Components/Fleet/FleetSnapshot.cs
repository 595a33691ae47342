using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>
/// What the fleet page needs and nothing more: it travels from the prerender to the circuit inside the page,
/// and to the phone's offline cache, so it is kept compact (no reported configuration, no timestamps per value;
/// metric names and units once per model, in <c>Labels</c>, keyed by model code).
/// </summary>
public sealed record FleetSnapshot(
    DateTimeOffset GeneratedAt, List<FarmResponse> Farms, List<FleetRowSnapshot> Rows, Dictionary<string, List<MetricLabel>> Labels)
{
    /// <summary>A model's labels; none (values shown under their keys) for a snapshot made before labels existed.</summary>
    public IReadOnlyList<MetricLabel> LabelsOf(EquipmentSummary equipment) => Labels?.GetValueOrDefault(equipment.ModelCode) ?? [];
}

/// <summary><c>Reported</c> is the state from what the unit reported, before connectivity and alarms are applied.</summary>
public sealed record FleetRowSnapshot(
    EquipmentSummary Equipment, bool Online, OperatingState Reported, DateTimeOffset? LastSeen, Dictionary<string, double> Values, DueTask? NextDue,
    int OpenAlarms = 0, bool CriticalAlarm = false)
{
    public OperatingState State => OperatingStates.Combine(Online, Reported, CriticalAlarm);
}

/// <summary>The earliest pending maintenance task of a unit.</summary>
public sealed record DueTask(string Title, DateTimeOffset? DueAt, double? DueRunHours, bool Overdue);
