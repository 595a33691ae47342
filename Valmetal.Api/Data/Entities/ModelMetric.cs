namespace Valmetal.Api.Data.Entities;

/// <summary>One entry of a model's metric catalogue; the telemetry service validates values against it.</summary>
public sealed class ModelMetric
{
    public required string ModelCode { get; set; }
    public required string Key { get; set; }
    public required string DisplayName { get; set; }
    public required string Unit { get; set; }

    /// <summary>The name and unit in French: every metric is named in both languages of the app.</summary>
    public required string DisplayNameFr { get; set; }

    public required string UnitFr { get; set; }
    public double MinValid { get; set; }
    public double MaxValid { get; set; }
    public double? WarningAbove { get; set; }
    public double? CriticalAbove { get; set; }

    /// <summary>How long (device time) a value must stay above a threshold before it raises an alarm.</summary>
    public int AlarmDelaySeconds { get; set; } = Valmetal.DeviceContract.Catalogue.MetricDefinition.DefaultAlarmDelaySeconds;
}
