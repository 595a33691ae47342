namespace Valmetal.Api.Contracts;

public sealed record AlarmResponse(
    Guid Id,
    string SerialNumber,
    string EquipmentName,
    Guid FarmId,
    string Kind,
    string Source,
    string Severity,
    string State,
    string Message,
    double? Value,
    double? Threshold,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClearedAt);

/// <summary>Open alarms of the caller's farms by state and severity: the badge shown on every page.</summary>
public sealed record AlarmSummary(int Active, int Acknowledged, IReadOnlyDictionary<string, int> OpenBySeverity);
