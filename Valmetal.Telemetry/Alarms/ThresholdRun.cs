using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Alarms;

/// <summary>
/// Where one metric of one device ended a batch: the threshold level of its newest value (0 normal, 1 above the
/// warning threshold, 2 above the critical one) and since when, in device time, it has held that level.
/// <see cref="Continues"/> says the level held through the whole batch, so the stored run may have begun earlier.
/// </summary>
public sealed record ThresholdRun(string Thing, string Metric, short Level, DateTime Since, DateTime LastTs, double LastValue, bool Continues)
{
    public const short Normal = 0;
    public const short Warning = 1;
    public const short Critical = 2;

    /// <summary>The runs of a batch's points, for metrics that have thresholds.</summary>
    public static List<ThresholdRun> Of(IEnumerable<TelemetryPoint> points, DeviceCatalogue catalogue)
    {
        var runs = new List<ThresholdRun>();
        foreach (var series in points.GroupBy(p => (p.Thing, p.Metric)))
        {
            if (!catalogue.TryGet(series.Key.Thing, out var device) || !device.Metrics.TryGetValue(series.Key.Metric, out var definition)
                || (definition.WarningAbove is null && definition.CriticalAbove is null))
            {
                continue;
            }

            var ordered = series.OrderBy(p => p.Timestamp).ToList();
            var last = ordered[^1];
            var level = LevelOf(last.Value, definition.WarningAbove, definition.CriticalAbove);
            var start = ordered.Count - 1;
            while (start > 0 && LevelOf(ordered[start - 1].Value, definition.WarningAbove, definition.CriticalAbove) == level)
            {
                start--;
            }

            runs.Add(new ThresholdRun(last.Thing, last.Metric, level, ordered[start].Timestamp, last.Timestamp, last.Value, start == 0));
        }

        return runs;
    }

    public static short LevelOf(double value, double? warningAbove, double? criticalAbove) =>
        value > criticalAbove ? Critical : value > warningAbove ? Warning : Normal;
}
