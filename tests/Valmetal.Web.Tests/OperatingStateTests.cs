using System.Text.Json.Nodes;
using Valmetal.Api.Contracts;
using Valmetal.Web.Components.Fleet;

namespace Valmetal.Web.Tests;

public sealed class OperatingStateTests
{
    [Theory]
    [InlineData(false, """{"mode":"auto","fault":true}""", false, OperatingState.Offline)]
    [InlineData(true, """{"mode":"auto","fault":true}""", false, OperatingState.Fault)]
    [InlineData(true, """{"mode":"stopped"}""", true, OperatingState.Fault)]
    [InlineData(true, """{"mode":"stopped"}""", false, OperatingState.Idle)]
    [InlineData(true, """{"mode":"Standby","fault":false}""", false, OperatingState.Idle)]
    [InlineData(true, """{"mode":"auto"}""", false, OperatingState.Running)]
    [InlineData(true, """{"mode":"fault","fault_code":"E12"}""", false, OperatingState.Fault)]
    [InlineData(true, """{"fault":"yes"}""", false, OperatingState.Running)]
    [InlineData(true, null, false, OperatingState.Running)]
    public void A_unit_s_state_follows_from_what_it_reported(bool online, string? reported, bool criticalAlarm, OperatingState expected)
    {
        var state = OperatingStates.Of(online, reported is null ? null : (JsonObject)JsonNode.Parse(reported)!, criticalAlarm);

        Assert.Equal(expected, state);
    }

    [Fact]
    public void Connectivity_and_a_critical_alarm_override_what_the_unit_reported()
    {
        var row = new FleetRow(new FleetRowSnapshot(FleetFilterTests.Unit("A-1", "Mixer"), true, OperatingState.Idle, null, [], null), []);
        Assert.Equal(OperatingState.Idle, row.State);

        row.SetAlarms([Alarm("major")]);
        Assert.Equal((1, OperatingState.Idle), (row.OpenAlarms, row.State));
        row.SetAlarms([Alarm("major"), Alarm("critical")]);
        Assert.Equal((2, OperatingState.Fault), (row.OpenAlarms, row.State));
        row.Online = false;
        Assert.Equal(OperatingState.Offline, row.State);
        row.Online = true;
        row.SetAlarms([]);
        Assert.Equal((0, OperatingState.Idle), (row.OpenAlarms, row.State));
    }

    private static AlarmResponse Alarm(string severity) => new(
        Guid.NewGuid(), "A-1", "Mixer", Guid.NewGuid(), "threshold", "motor_temp_c", severity, "active", "hot", 110, 105,
        DateTimeOffset.UnixEpoch, null, null, null);
}
