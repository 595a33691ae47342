namespace Valmetal.Api.Features.Equipment;

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

public sealed record MetricResponse(
    string Key,
    string DisplayName,
    string Unit,
    double MinValid,
    double MaxValid,
    double? WarningAbove,
    double? CriticalAbove,
    int AlarmDelaySeconds);

public sealed record EquipmentDetail(EquipmentSummary Equipment, int InactivityTimeoutSeconds, IReadOnlyList<MetricResponse> Metrics);
