namespace Valmetal.Api.Contracts;

public sealed record EquipmentSummary(
    string SerialNumber,
    string DisplayName,
    string ModelCode,
    string ModelName,
    string Kind,
    Guid FarmId,
    string FarmName,
    Guid? BarnId,
    string? BarnName,
    DateOnly InstalledOn,
    string Firmware,
    string Status,
    double RunHours);

/// <summary>A metric of a model's catalogue, named in English and in French (<c>displayNameFr</c>, <c>unitFr</c>).</summary>
public sealed record MetricResponse(
    string Key,
    string DisplayName,
    string Unit,
    double MinValid,
    double MaxValid,
    double? WarningAbove,
    double? CriticalAbove,
    int AlarmDelaySeconds,
    string DisplayNameFr,
    string UnitFr);

public sealed record EquipmentDetail(EquipmentSummary Equipment, int InactivityTimeoutSeconds, IReadOnlyList<MetricResponse> Metrics);
