using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>One piece of equipment on the fleet page, with the latest values and alarms as they stream in.</summary>
public sealed class FleetRow(FleetRowSnapshot snapshot, IReadOnlyList<MetricLabel> labels)
{
    public EquipmentSummary Equipment { get; } = snapshot.Equipment;
    public bool Online { get; set; } = snapshot.Online;
    public OperatingState Reported { get; } = snapshot.Reported;
    public DateTimeOffset? LastSeen { get; set; } = snapshot.LastSeen;
    public DueTask? NextDue { get; } = snapshot.NextDue;
    public int OpenAlarms { get; private set; } = snapshot.OpenAlarms;
    public bool CriticalAlarm { get; private set; } = snapshot.CriticalAlarm;
    public SortedDictionary<string, double> Metrics { get; } = new(snapshot.Values, StringComparer.Ordinal);

    public OperatingState State => OperatingStates.Combine(Online, Reported, CriticalAlarm);

    public IEnumerable<(MetricLabel Label, double Value)> ShownMetrics => MetricLabel.Show(labels, Metrics);

    public void SetAlarms(IReadOnlyCollection<AlarmResponse> open)
    {
        OpenAlarms = open.Count;
        CriticalAlarm = open.Any(a => OperatingStates.IsCritical(a.Severity));
    }

    /// <summary>Takes connectivity and open alarms as read again; a unit the state store does not know keeps its own.</summary>
    public void Refresh(DeviceStateResponse? state, IReadOnlyCollection<AlarmResponse> open)
    {
        Online = state?.Online ?? Online;
        SetAlarms(open);
    }
}
