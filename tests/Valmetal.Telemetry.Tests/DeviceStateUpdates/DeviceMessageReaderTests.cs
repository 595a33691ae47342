using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Tests.Validation;
using Valmetal.Telemetry.Validation;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.DeviceStateUpdates;

public sealed class DeviceMessageReaderTests
{
    private readonly FixedClock _clock = new(Now);

    [Fact]
    public void Online_status_marks_the_device_online_and_seen_at_its_timestamp()
    {
        var (change, rejection) = DeviceMessageReader.ReadStatus(Mixer, Payload("""{"online": true, "ts": "2026-11-27T10:14:00Z"}"""), _clock);

        Assert.Null(rejection);
        Assert.True(change!.Online);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 14, 0, TimeSpan.Zero), change.LastSeen);
    }

    [Fact]
    public void The_will_message_marks_the_device_offline_now_without_claiming_it_was_seen()
    {
        var (change, _) = DeviceMessageReader.ReadStatus(Mixer, Payload("""{"online": false, "ts": "2026-11-27T08:00:00Z"}"""), _clock);

        Assert.False(change!.Online);
        Assert.Equal(Now, change.StatusChangedAt);
        Assert.Null(change.LastSeen);
    }

    [Theory]
    [InlineData("""{"online": "yes"}""", RejectionReason.InvalidSchema)]
    [InlineData("""{"ts": "2026-11-27T08:00:00Z"}""", RejectionReason.InvalidSchema)]
    [InlineData("""online""", RejectionReason.MalformedJson)]
    [InlineData("""[true]""", RejectionReason.InvalidSchema)]
    public void Unreadable_status_is_rejected(string json, RejectionReason reason)
    {
        var (change, rejection) = DeviceMessageReader.ReadStatus(Mixer, Payload(json), _clock);

        Assert.Null(change);
        Assert.Equal(reason, rejection!.Reason);
    }

    [Fact]
    public void Reported_state_is_a_partial_merge_where_null_deletes_a_key()
    {
        var (first, _) = DeviceMessageReader.ReadState(Mixer, Payload("""{"reported": {"mode": "auto", "ration_kg": 850}, "version": 17}"""), _clock);
        var (second, _) = DeviceMessageReader.ReadState(Mixer, Payload("""{"reported": {"ration_kg": 900, "mode": null}, "version": 18}"""), _clock);

        first!.MergeFrom(second!);

        Assert.Equal(900, first.Reported!["ration_kg"]!.GetValue<int>());
        Assert.True(first.Reported.ContainsKey("mode"));
        Assert.Null(first.Reported["mode"]);
        Assert.Equal(18, first.ReportedVersion);
    }

    [Theory]
    [InlineData("""{"reported": [1], "version": 1}""")]
    [InlineData("""{"reported": {"a": 1}, "version": "1"}""")]
    [InlineData("""{"reported": {"a": 1}}""")]
    [InlineData("""{"reported": {"bad key!": 1}, "version": 1}""")]
    public void Reported_state_with_wrong_types_or_keys_is_rejected(string json)
    {
        var (change, rejection) = DeviceMessageReader.ReadState(Mixer, Payload(json), _clock);

        Assert.Null(change);
        Assert.Equal(RejectionReason.InvalidSchema, rejection!.Reason);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Reported_state_is_held_to_8_KB_of_json_per_message(int over, bool accepted)
    {
        // {"note":"…"} is 11 bytes around the text.
        var text = new string('x', ContractLimits.MaxReportedBytes - 11 + over);
        var (change, rejection) = DeviceMessageReader.ReadState(Mixer, Payload($$"""{"reported": {"note": "{{text}}"}, "version": 1}"""), _clock);

        Assert.Equal(accepted, change is not null);
        Assert.Equal(accepted ? null : RejectionReason.PayloadTooLarge, rejection?.Reason);
    }

    [Fact]
    public void Merging_keeps_the_newest_reading_of_each_metric()
    {
        var newer = new DeviceStateChange(Mixer).Metric("motor_temp_c", 60, Now);
        var older = new DeviceStateChange(Mixer).Metric("motor_temp_c", 50, Now.AddSeconds(-10)).Metric("load_kg", 1000, Now.AddSeconds(-10));

        newer.MergeFrom(older);

        Assert.Equal(60, newer.Metrics["motor_temp_c"].Value);
        Assert.Equal(1000, newer.Metrics["load_kg"].Value);
    }

    [Theory]
    [InlineData("""{"reported":{"x":1e400},"version":1}""", "'reported.x' is too large")]
    [InlineData("""{"reported":{"y":123456789012345678901234567890123456789012345},"version":2}""", "'reported.y' has more than 38 significant digits")]
    [InlineData("""{"reported":{"z":{"deep":[1,2,1E-131]}},"version":3}""", "'reported.z.deep[2]' is too small")]
    [InlineData("""{"reported":{"w":1E126},"version":4}""", "'reported.w' is too large")]
    public void Reported_numbers_the_shadow_cannot_store_are_rejected_before_they_reach_it(string json, string detail)
    {
        var (change, rejection) = DeviceMessageReader.ReadState(Mixer, Payload(json), _clock);

        Assert.Null(change);
        Assert.Equal(RejectionReason.OutOfRange, rejection!.Reason);
        Assert.StartsWith(detail, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reported_numbers_at_the_edges_of_what_the_shadow_stores_are_kept()
    {
        var json = """{"reported":{"a":-0,"b":1E-130,"c":9.9999999999999999999999999999999999999E+125,"d":12345678901234567890123456789012345678,"e":1000000000000000000000000000000000000000000},"version":1}""";

        var (change, rejection) = DeviceMessageReader.ReadState(Mixer, Payload(json), _clock);

        Assert.Null(rejection);
        Assert.Equal(5, change!.Reported!.Count);
    }

    [Theory]
    [InlineData("""{"reported":{"x":1,"x":2},"version":1}""")]
    [InlineData("""{"reported":{"x":1},"version":1,"version":2}""")]
    public void Duplicate_keys_in_reported_state_are_rejected_as_malformed(string json)
    {
        var (change, rejection) = DeviceMessageReader.ReadState(Mixer, Payload(json), _clock);

        Assert.Null(change);
        Assert.Equal(RejectionReason.MalformedJson, rejection!.Reason);
    }

    [Fact]
    public void Duplicate_keys_in_a_status_are_rejected_as_malformed()
    {
        var (change, rejection) = DeviceMessageReader.ReadStatus(Mixer, Payload("""{"online":true,"online":false}"""), _clock);

        Assert.Null(change);
        Assert.Equal(RejectionReason.MalformedJson, rejection!.Reason);
    }
}
