namespace Valmetal.DeviceContract.Catalogue;

public sealed record EquipmentModelDefinition(
    string Code,
    string Name,
    EquipmentKind Kind,
    TimeSpan InactivityTimeout,
    IReadOnlyList<MetricDefinition> Metrics);
