namespace Valmetal.DeviceContract.Catalogue;

/// <summary>One entry of an equipment model's metric catalogue.</summary>
public sealed record MetricDefinition(
    string Key,
    string DisplayName,
    string Unit,
    double MinValid,
    double MaxValid,
    double? WarningAbove = null,
    double? CriticalAbove = null);
