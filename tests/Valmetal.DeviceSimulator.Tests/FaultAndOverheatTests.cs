using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceSimulator.Incidents;

namespace Valmetal.DeviceSimulator.Tests;

public sealed class FaultAndOverheatTests
{
    public static TheoryData<EquipmentKind> Kinds => [.. Enum.GetValues<EquipmentKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_fault_is_one_the_platform_accepts_as_an_event(EquipmentKind kind)
    {
        var faults = DeviceFault.All(kind).ToList();

        Assert.All(faults, f => Assert.True(AlarmSeverity.IsValid(f.Severity), f.Severity));
        Assert.All(faults, f => Assert.InRange(f.Message.Length, 1, EventPayload.MaxMessageLength));
        Assert.Equal(faults.Count, faults.Select(f => f.Code).Distinct().Count());
    }

    [Fact]
    public void Picking_faults_with_a_seed_is_repeatable_and_mostly_the_equipments_own()
    {
        var first = Enumerable.Range(0, 200).Select(_ => DeviceFault.Pick(EquipmentKind.FeedMixer, new Random(3))).ToList();
        var seeded = new Random(5);
        var picks = Enumerable.Range(0, 900).Select(_ => DeviceFault.Pick(EquipmentKind.FeedMixer, seeded)).ToList();

        Assert.Single(first.Distinct());
        Assert.InRange(picks.Count(p => p.Code == "E017"), 1, 300);
        Assert.Contains(picks, p => p.Code == "E042");
    }

    [Fact]
    public void An_overheated_motor_reads_above_its_warning_and_below_critical()
    {
        var random = new Random(11);
        var metrics = DemoModels.All.Select(Overheat.MetricOf).OfType<MetricDefinition>().ToList();

        Assert.Equal(4, metrics.Count);
        Assert.All(metrics, metric => Assert.All(
            Enumerable.Range(0, 1_000).Select(_ => Overheat.Reading(metric, random)),
            value => Assert.InRange(value, metric.WarningAbove!.Value + 0.01, metric.CriticalAbove!.Value - 0.01)));
    }

    [Fact]
    public void A_model_without_a_motor_temperature_never_overheats()
    {
        Assert.Null(Overheat.MetricOf(DemoModels.ManureScraper));
    }
}
