using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Tests.Validation;

namespace Valmetal.Telemetry.Tests.Alarms;

/// <summary>How a batch's points become "level since" runs: VM-FM-24001's motor_temp_c warns above 85 °C, is critical above 105 °C.</summary>
public sealed class ThresholdRunTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_batch_at_one_level_throughout_continues_the_stored_run()
    {
        var run = Assert.Single(ThresholdRun.Of(Points("motor_temp_c", 110, 111, 112), ValidatorFixture.DemoCatalogue()));

        Assert.Equal(ThresholdRun.Critical, run.Level);
        Assert.Equal(Start, run.Since);
        Assert.Equal(Start.AddSeconds(2), run.LastTs);
        Assert.True(run.Continues);
    }

    [Fact]
    public void A_level_change_within_the_batch_starts_the_run_at_the_first_point_of_the_new_level()
    {
        var run = Assert.Single(ThresholdRun.Of(Points("motor_temp_c", 110, 60, 90, 95), ValidatorFixture.DemoCatalogue()));

        Assert.Equal(ThresholdRun.Warning, run.Level);
        Assert.Equal(Start.AddSeconds(2), run.Since);
        Assert.False(run.Continues);
        Assert.Equal(95, run.LastValue);
    }

    [Fact]
    public void Points_arriving_out_of_order_are_judged_in_time_order()
    {
        var points = Points("motor_temp_c", 60, 110, 111).Reverse();

        var run = Assert.Single(ThresholdRun.Of(points, ValidatorFixture.DemoCatalogue()));

        Assert.Equal(ThresholdRun.Critical, run.Level);
        Assert.Equal(Start.AddSeconds(1), run.Since);
    }

    [Fact]
    public void Metrics_without_thresholds_and_unknown_things_give_no_runs()
    {
        var catalogue = ValidatorFixture.DemoCatalogue();
        var points = Points("auger_rpm", 70).Concat([new TelemetryPoint("NOT-A-DEVICE", "motor_temp_c", Start, 120)]);

        Assert.Empty(ThresholdRun.Of(points, catalogue));
    }

    [Theory]
    [InlineData(85, ThresholdRun.Normal)]
    [InlineData(85.1, ThresholdRun.Warning)]
    [InlineData(105, ThresholdRun.Warning)]
    [InlineData(105.1, ThresholdRun.Critical)]
    public void Levels_are_strictly_above_each_threshold(double value, short level) =>
        Assert.Equal(level, ThresholdRun.LevelOf(value, 85, 105));

    private static IEnumerable<TelemetryPoint> Points(string metric, params double[] values) =>
        values.Select((v, i) => new TelemetryPoint(ValidatorFixture.Mixer, metric, Start.AddSeconds(i), v));
}
