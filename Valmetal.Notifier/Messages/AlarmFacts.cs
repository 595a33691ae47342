namespace Valmetal.Notifier.Messages;

/// <summary>What every message about an alarm says, read with the event that tells it.</summary>
public sealed record AlarmFacts(
    Guid AlarmId, string SerialNumber, string EquipmentName, Guid FarmId, string FarmName, string TimeZone,
    string Kind, string Source, string Severity, string State, string Message, double? Value, string? MetricName, string? Unit,
    DateTimeOffset RaisedAt, string? MetricNameFr = null, string? UnitFr = null, double? Threshold = null)
{
    /// <summary>The metric's name and unit as the catalogue gives them in <paramref name="french"/> or English.</summary>
    public (string? Name, string? Unit) Metric(bool french) => french ? (MetricNameFr ?? MetricName, UnitFr ?? Unit) : (MetricName, Unit);

    /// <summary>The alarm's condition: the rate limit counts messages per recipient, channel and condition.</summary>
    public string Topic => $"{SerialNumber}/{Kind}/{Source}";
}
