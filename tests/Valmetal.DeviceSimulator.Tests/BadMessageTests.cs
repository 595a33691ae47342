using System.Buffers;
using System.Text.Json;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Rejections;
using Valmetal.DeviceSimulator.Misbehaviour;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Validation;

namespace Valmetal.DeviceSimulator.Tests;

/// <summary>Each bad message is judged by the platform's own validator: rejected, and for the intended reason only.</summary>
public sealed class BadMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 15, 0, TimeSpan.Zero);
    private static readonly DemoEquipment Device = Fleet.Equipment[0];
    private static readonly DemoEquipment Victim = Fleet.Equipment[1];

    private static readonly Dictionary<string, double> Honest = Fleet.ModelOf(Device).Metrics
        .ToDictionary(m => m.Key, m => (m.MinValid + (m.WarningAbove ?? m.MaxValid)) / 2);

    private readonly TelemetryValidator _validator = new(Catalogue(), new RecentMessages(), new StoppedClock(Now), TimeSpan.FromDays(30));

    [Fact]
    public void The_honest_sample_the_bad_ones_start_from_is_accepted()
    {
        var honest = JsonSerializer.SerializeToUtf8Bytes(new { seq = 1, ts = Now, metrics = Honest });

        Assert.Equal(ValidationStatus.Accepted, _validator.Validate(Device.Thing, new ReadOnlySequence<byte>(honest)).Status);
    }

    [Fact]
    public void Malformed_json_is_cut_off_and_rejected_as_malformed()
    {
        var message = Create(MisbehaviourKind.MalformedJson);

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(message.Payload));
        Assert.Equal(Topics.Telemetry(Device.Thing), message.Topic);
        AssertRejected(message, ValidationStatus.Rejected, RejectionReason.MalformedJson);
    }

    [Fact]
    public void An_out_of_range_value_loses_only_that_metric()
    {
        var message = Create(MisbehaviourKind.OutOfRangeValue);

        var result = AssertRejected(message, ValidationStatus.PartiallyAccepted, RejectionReason.OutOfRange);
        Assert.Equal(Honest.Count - 1, result.Points.Count);
        Assert.DoesNotContain(result.Points, p => p.Metric == Fleet.ModelOf(Device).Metrics[0].Key);
    }

    [Fact]
    public void A_skewed_clock_stamps_the_sample_ten_minutes_ahead_and_it_is_rejected()
    {
        var message = Create(MisbehaviourKind.FutureTimestamp);

        var ts = JsonDocument.Parse(message.Payload).RootElement.GetProperty("ts").GetDateTimeOffset();
        Assert.Equal(Now + TimeSpan.FromMinutes(10), ts);
        Assert.True(ts - Now > ContractLimits.MaxFutureSkew);
        AssertRejected(message, ValidationStatus.Rejected, RejectionReason.FutureTimestamp);
    }

    [Fact]
    public void A_foreign_topic_message_is_well_formed_but_names_another_device()
    {
        var message = Create(MisbehaviourKind.ForeignTopic);

        Assert.True(Topics.TryParseDeviceTopic(message.Topic, out var thing, out var kind));
        Assert.Equal((Victim.Thing, DeviceTopicKind.Telemetry), (thing, kind));
        Assert.NotEqual(Device.Thing, thing);
    }

    private static BadMessage Create(MisbehaviourKind kind) =>
        BadMessage.Create(kind, Device.Thing, Victim.Thing, Fleet.ModelOf(Device), seq: 2, Now, Honest);

    private TelemetryValidation AssertRejected(BadMessage message, ValidationStatus status, RejectionReason reason)
    {
        var result = _validator.Validate(Device.Thing, new ReadOnlySequence<byte>(message.Payload));
        Assert.Equal(status, result.Status);
        Assert.Equal(reason, Assert.Single(result.Rejections).Reason);
        return result;
    }

    private static DeviceCatalogue Catalogue()
    {
        var catalogue = new DeviceCatalogue();
        var model = Fleet.ModelOf(Device);
        catalogue.Replace([new DeviceProfile(Device.Thing, Device.FarmId, model.Code, model.Metrics.ToDictionary(m => m.Key))]);
        return catalogue;
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
