using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.DeviceSimulator.Incidents;

/// <summary>A motor running hot: above its warning threshold (long enough, the alarm fires) but short of critical.</summary>
public static class Overheat
{
    public const string MetricKey = "motor_temp_c";

    /// <summary>The metric an overheat drives, if this model has one with a warning threshold.</summary>
    public static MetricDefinition? MetricOf(EquipmentModelDefinition model) =>
        model.Metrics.FirstOrDefault(m => m.Key == MetricKey && m.WarningAbove is not null);

    public static double Reading(MetricDefinition metric, Random random)
    {
        var warning = metric.WarningAbove ?? throw new ArgumentException($"{metric.Key} has no warning threshold.", nameof(metric));
        var ceiling = Math.Min(metric.CriticalAbove ?? metric.MaxValid, metric.MaxValid);
        var low = warning + 0.1 * (ceiling - warning);
        var high = warning + 0.6 * (ceiling - warning);
        return Math.Round(low + random.NextDouble() * (high - low), 2);
    }
}
