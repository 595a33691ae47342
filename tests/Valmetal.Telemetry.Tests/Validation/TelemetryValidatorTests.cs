using System.Buffers;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Validation;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Validation;

public sealed class TelemetryValidatorTests
{
    private readonly TelemetryValidator _validator = Create();

    [Fact]
    public void Good_message_yields_one_point_per_metric_at_its_timestamp()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 1842, "ts": "2026-11-27T10:14:59.123Z", "metrics": {"motor_current_a": 12.4, "motor_temp_c": 61.2}}
            """));

        Assert.Equal(ValidationStatus.Accepted, result.Status);
        Assert.Empty(result.Rejections);
        Assert.Equal(2, result.Points.Count);
        var current = Assert.Single(result.Points, p => p.Metric == "motor_current_a");
        Assert.Equal(12.4, current.Value);
        Assert.Equal(Mixer, current.Thing);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 14, 59, 123, DateTimeKind.Utc), current.Timestamp);
        Assert.Equal(DateTimeKind.Utc, current.Timestamp.Kind);
    }

    [Fact]
    public void Buffered_samples_each_keep_their_own_timestamp()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 7, "samples": [
              {"ts": "2026-11-27T09:00:00Z", "metrics": {"motor_temp_c": 40}},
              {"ts": "2026-11-27T05:00:01-04:00", "metrics": {"motor_temp_c": 41}}
            ]}
            """));

        Assert.Equal(ValidationStatus.Accepted, result.Status);
        Assert.Equal(
            [new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 27, 9, 0, 1, DateTimeKind.Utc)],
            result.Points.Select(p => p.Timestamp));
    }

    [Theory]
    [InlineData("{\"seq\": 1, \"ts\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"seq\": 1} trailing")]
    public void Malformed_json_is_rejected_whole(string json)
    {
        var result = _validator.Validate(Mixer, Payload(json));

        Assert.Equal(ValidationStatus.Rejected, result.Status);
        Assert.Empty(result.Points);
        Assert.Equal(RejectionReason.MalformedJson, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Invalid_utf8_is_malformed_json()
    {
        var bytes = "{\"seq\":1,\"ts\":\"2026-11-27T10:00:00Z\",\"metrics\":{\"motor_temp_c\":\"\xFF\xFE\"}}"u8.ToArray();
        bytes[^5] = 0xFF;

        var result = _validator.Validate(Mixer, new ReadOnlySequence<byte>(bytes));

        Assert.Equal(RejectionReason.MalformedJson, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_rejected_and_its_neighbours_are_kept()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 2, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": "61.2", "motor_current_a": 10}}
            """));

        Assert.Equal(ValidationStatus.PartiallyAccepted, result.Status);
        Assert.Equal("motor_current_a", Assert.Single(result.Points).Metric);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(RejectionReason.WrongType, rejection.Reason);
        Assert.Contains("motor_temp_c", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"seq\": \"12\", \"ts\": \"2026-11-27T10:00:00Z\", \"metrics\": {\"motor_temp_c\": 1}}", "seq")]
    [InlineData("{\"seq\": -1, \"ts\": \"2026-11-27T10:00:00Z\", \"metrics\": {\"motor_temp_c\": 1}}", "seq")]
    [InlineData("{\"seq\": 1, \"ts\": 1764238500, \"metrics\": {\"motor_temp_c\": 1}}", "ts")]
    [InlineData("{\"seq\": 1, \"ts\": \"27/11/2026 10:00\", \"metrics\": {\"motor_temp_c\": 1}}", "ts")]
    [InlineData("{\"seq\": 1, \"ts\": \"2026-11-27T10:00:00\", \"metrics\": {\"motor_temp_c\": 1}}", "ts")]
    [InlineData("{\"seq\": 1, \"ts\": \"2026-11-27T10:00:00Z\", \"metrics\": [1, 2]}", "metrics")]
    [InlineData("[1, 2, 3]", "object")]
    public void Wrong_types_in_the_envelope_reject_the_message(string json, string named)
    {
        var result = _validator.Validate(Mixer, Payload(json));

        Assert.Equal(ValidationStatus.Rejected, result.Status);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(RejectionReason.InvalidSchema, rejection.Reason);
        Assert.Contains(named, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_payload_is_rejected_before_it_is_parsed()
    {
        var json = "{\"seq\": 1, \"pad\": \"" + new string('x', ContractLimits.MaxPayloadBytes) + "\"}";

        var result = _validator.Validate(Mixer, Payload(json));

        Assert.Equal(ValidationStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.PayloadTooLarge, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Payload_of_exactly_the_limit_is_read()
    {
        const string head = "{\"seq\": 1, \"ts\": \"2026-11-27T10:00:00Z\", \"metrics\": {\"motor_temp_c\": 1}, \"pad\": \"";
        var json = head + new string('x', ContractLimits.MaxPayloadBytes - head.Length - 2) + "\"}";
        Assert.Equal(ContractLimits.MaxPayloadBytes, json.Length);

        var result = _validator.Validate(Mixer, Payload(json));

        Assert.Equal(ValidationStatus.Accepted, result.Status);
    }

    [Fact]
    public void Unknown_thing_is_rejected()
    {
        var result = _validator.Validate("VM-XX-99999", Payload("""
            {"seq": 1, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": 50}}
            """));

        Assert.Equal(ValidationStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.UnknownThing, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Metric_missing_from_the_model_catalogue_is_rejected()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 1, "ts": "2026-11-27T10:00:00Z", "metrics": {"belt_speed_m_s": 1.2}}
            """));

        Assert.Equal(ValidationStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.UnknownMetric, Assert.Single(result.Rejections).Reason);
    }

    [Theory]
    [InlineData(250.01)]
    [InlineData(-0.5)]
    public void Value_out_of_its_valid_range_is_rejected_with_the_range(double current)
    {
        var json = $$$"""{"seq": 3, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_current_a": {{{current.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}, "motor_temp_c": 55}}""";

        var result = _validator.Validate(Mixer, Payload(json));

        Assert.Equal(ValidationStatus.PartiallyAccepted, result.Status);
        Assert.Equal("motor_temp_c", Assert.Single(result.Points).Metric);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(RejectionReason.OutOfRange, rejection.Reason);
        Assert.Contains("[0, 250] A", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_bounds_themselves_are_valid()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 4, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_current_a": 250, "motor_temp_c": -40}}
            """));

        Assert.Equal(ValidationStatus.Accepted, result.Status);
        Assert.Equal(2, result.Points.Count);
    }

    [Fact]
    public void Timestamp_more_than_five_minutes_ahead_is_rejected()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 5, "ts": "2026-11-27T10:20:00.001Z", "metrics": {"motor_temp_c": 50}}
            """));

        Assert.Equal(ValidationStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.FutureTimestamp, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Timestamp_within_the_allowed_clock_skew_is_accepted()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 6, "ts": "2026-11-27T10:19:59Z", "metrics": {"motor_temp_c": 50}}
            """));

        Assert.Equal(ValidationStatus.Accepted, result.Status);
    }

    [Fact]
    public void One_future_sample_in_a_buffer_costs_only_that_sample()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 8, "samples": [
              {"ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": 40}},
              {"ts": "2027-01-01T00:00:00Z", "metrics": {"motor_temp_c": 41}}
            ]}
            """));

        Assert.Equal(ValidationStatus.PartiallyAccepted, result.Status);
        Assert.Equal(40, Assert.Single(result.Points).Value);
        Assert.Equal(RejectionReason.FutureTimestamp, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Timestamp_older_than_retention_is_rejected()
    {
        var result = _validator.Validate(Mixer, Payload("""
            {"seq": 9, "ts": "2026-10-01T00:00:00Z", "metrics": {"motor_temp_c": 50}}
            """));

        Assert.Equal(RejectionReason.StaleTimestamp, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Too_many_samples_are_rejected()
    {
        var samples = string.Join(",", Enumerable.Range(0, ContractLimits.MaxSamplesPerMessage + 1)
            .Select(i => $$$"""{"ts": "2026-11-27T09:{{{i / 60 % 60:D2}}}:{{{i % 60:D2}}}Z", "metrics": {"motor_temp_c": 1}}"""));

        var result = _validator.Validate(Mixer, Payload($$"""{"seq": 10, "samples": [{{samples}}]}"""));

        Assert.Equal(RejectionReason.TooManySamples, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void The_same_message_twice_is_a_duplicate_with_nothing_to_store()
    {
        const string json = """{"seq": 11, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": 50}}""";

        var first = _validator.Validate(Mixer, Payload(json));
        var second = _validator.Validate(Mixer, Payload(json));

        Assert.Equal(ValidationStatus.Accepted, first.Status);
        Assert.Equal(ValidationStatus.Duplicate, second.Status);
        Assert.Empty(second.Points);
        Assert.Empty(second.Rejections);
    }

    [Fact]
    public void The_same_seq_after_a_device_restart_is_not_a_duplicate()
    {
        var before = _validator.Validate(Mixer, Payload("""{"seq": 1, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": 50}}"""));
        var after = _validator.Validate(Mixer, Payload("""{"seq": 1, "ts": "2026-11-27T10:05:00Z", "metrics": {"motor_temp_c": 51}}"""));

        Assert.Equal(ValidationStatus.Accepted, before.Status);
        Assert.Equal(ValidationStatus.Accepted, after.Status);
    }

    [Fact]
    public void A_rejected_message_is_not_remembered_as_seen()
    {
        var rejected = _validator.Validate(Mixer, Payload("""{"seq": 12, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": 999}}"""));
        var corrected = _validator.Validate(Mixer, Payload("""{"seq": 12, "ts": "2026-11-27T10:00:00Z", "metrics": {"motor_temp_c": 99}}"""));

        Assert.Equal(ValidationStatus.Rejected, rejected.Status);
        Assert.Equal(ValidationStatus.Accepted, corrected.Status);
    }
}
