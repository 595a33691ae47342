using System.Text.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Messages;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Tests.Contract;

/// <summary>
/// The device contract's bytes, written out on purpose: devices in the field depend on them, so a change to the
/// contract's code that changes a topic, a name or a payload fails here before it reaches one.
/// </summary>
public sealed class WireFormatTests
{
    private const string Thing = "VM-FM-24001";
    private static readonly Guid Command = Guid.Parse("0193a5d2-7c4e-7b3f-9a10-2f6e8c1d4b5a");

    [Fact]
    public void Topics_are_the_ones_devices_use()
    {
        Assert.Equal("dt/valmetal/VM-FM-24001/telemetry", Topics.Telemetry(Thing));
        Assert.Equal("dt/valmetal/VM-FM-24001/events", Topics.Events(Thing));
        Assert.Equal("dt/valmetal/VM-FM-24001/state", Topics.State(Thing));
        Assert.Equal("dt/valmetal/VM-FM-24001/status", Topics.Status(Thing));
        Assert.Equal("cmd/valmetal/VM-FM-24001/config", Topics.Config(Thing));
        Assert.Equal("cmd/valmetal/VM-FM-24001/req/0193a5d27c4e7b3f9a102f6e8c1d4b5a", Topics.CommandRequest(Thing, Command));
        Assert.Equal("cmd/valmetal/VM-FM-24001/res/0193a5d27c4e7b3f9a102f6e8c1d4b5a", Topics.CommandResponse(Thing, Command));
        Assert.Equal("app/valmetal/live/8d3c1f0e-5a2b-4c6d-9e7f-0a1b2c3d4e5f", Topics.Live(Guid.Parse("8d3c1f0e-5a2b-4c6d-9e7f-0a1b2c3d4e5f")));
    }

    [Fact]
    public void Telemetry_subscribes_to_the_fleets_data_and_command_answers_through_its_shared_group() =>
        Assert.Equal(
            ["$share/telemetry/dt/valmetal/+/telemetry", "$share/telemetry/dt/valmetal/+/events", "$share/telemetry/dt/valmetal/+/state",
             "$share/telemetry/dt/valmetal/+/status", "$share/telemetry/cmd/valmetal/+/res/+"],
            TelemetrySessions.Filters);

    [Theory]
    [InlineData("dt/valmetal/VM-FM-24001/telemetry", DeviceTopicKind.Telemetry)]
    [InlineData("dt/valmetal/VM-FM-24001/events", DeviceTopicKind.Events)]
    [InlineData("dt/valmetal/VM-FM-24001/state", DeviceTopicKind.State)]
    [InlineData("dt/valmetal/VM-FM-24001/status", DeviceTopicKind.Status)]
    public void Each_data_topic_reads_back_as_its_kind(string topic, DeviceTopicKind expected)
    {
        Assert.True(Topics.TryParseDeviceTopic(topic, out var thing, out var kind));
        Assert.Equal((Thing, expected), (thing, kind));
    }

    [Theory]
    [InlineData("dt/valmetal/VM-FM-24001/unknown")]
    [InlineData("dt/valmetal/VM-FM-24001/telemetry/extra")]
    [InlineData("dt/valmetal/bad thing/telemetry")]
    [InlineData("dt/valmetal//telemetry")]
    [InlineData("cmd/valmetal/VM-FM-24001/config")]
    public void Anything_else_is_not_a_data_topic(string topic) => Assert.False(Topics.TryParseDeviceTopic(topic, out _, out _));

    [Fact]
    public void Command_topics_read_back_only_as_their_own_direction()
    {
        Assert.True(Topics.TryParseCommandRequest(Topics.CommandRequest(Thing, Command), out var thing, out var id));
        Assert.Equal((Thing, Command), (thing, id));
        Assert.True(Topics.TryParseCommandResponse(Topics.CommandResponse(Thing, Command), out thing, out id));
        Assert.Equal((Thing, Command), (thing, id));
        Assert.False(Topics.TryParseCommandResponse(Topics.CommandRequest(Thing, Command), out _, out _));
        Assert.False(Topics.TryParseCommandRequest("cmd/valmetal/VM-FM-24001/req/not-a-guid", out _, out _));
    }

    [Fact]
    public void A_command_is_its_name_arguments_and_expiry_in_utc_with_seven_digits()
    {
        var expiresAt = new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1_000_000);
        var payload = new CommandPayload("start", new JsonObject { ["ration"] = "morning" }, expiresAt);

        Assert.Equal("""{"name":"start","args":{"ration":"morning"},"expiresAt":"2026-11-27T09:00:00.1000000Z"}""", JsonSerializer.Serialize(payload));
    }

    [Fact]
    public void An_answer_leaves_out_a_detail_it_does_not_have()
    {
        Assert.Equal("""{"status":"accepted"}""", JsonSerializer.Serialize(CommandAnswerPayload.Of(CommandStatus.Accepted)));
        Assert.Equal("""{"status":"succeeded","detail":"auger running"}""",
            JsonSerializer.Serialize(CommandAnswerPayload.Of(CommandStatus.Succeeded, "auger running")));
    }

    [Fact]
    public void The_desired_configuration_is_the_whole_of_it_and_its_version() =>
        Assert.Equal("""{"desired":{"mode":"manual","ration_kg":900},"version":3}""",
            JsonSerializer.Serialize(new DesiredConfigPayload(new JsonObject { ["mode"] = "manual", ["ration_kg"] = 900 }, 3)));

    [Fact]
    public void Command_statuses_are_stored_and_answered_by_these_names()
    {
        Assert.Equal(["Pending", "Accepted", "Succeeded", "Failed", "Rejected", "Expired"], Enum.GetNames<CommandStatus>());
        Assert.Equal(["accepted", "succeeded", "failed", "rejected"], CommandStatuses.AnsweredByDevices.Select(s => s.DeviceName()));
    }

    [Fact]
    public void The_build_time_telemetry_serializer_writes_the_same_bytes_as_the_default_one()
    {
        var payload = new TelemetryPayload
        {
            Seq = 42,
            Ts = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero).AddTicks(10),
            Metrics = new Dictionary<string, double> { ["motor_current_a"] = 12.3, ["temperature_c"] = -4 },
        };

        Assert.Equal(JsonSerializer.Serialize(payload), JsonSerializer.Serialize(payload, TelemetryJson.Default.TelemetryPayload));
        Assert.Equal("""{"seq":42,"ts":"2026-11-27T09:00:00.000001+00:00","metrics":{"motor_current_a":12.3,"temperature_c":-4}}""",
            JsonSerializer.Serialize(payload, TelemetryJson.Default.TelemetryPayload));
    }
}
