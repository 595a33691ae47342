using System.Text.Json.Nodes;
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
    [InlineData(true, """{"fault":"yes"}""", false, OperatingState.Running)]
    [InlineData(true, null, false, OperatingState.Running)]
    public void A_unit_s_state_follows_from_what_it_reported(bool online, string? reported, bool criticalAlarm, OperatingState expected)
    {
        var state = OperatingStates.Of(online, reported is null ? null : (JsonObject)JsonNode.Parse(reported)!, criticalAlarm);

        Assert.Equal(expected, state);
    }

    [Fact]
    public void A_live_update_brings_a_unit_online_without_forgetting_that_it_was_idle()
    {
        var row = new FleetRow(new FleetRowSnapshot(FleetFilterTests.Unit("A-1", "Mixer"), true, OperatingState.Idle, null, [], null));

        row.SetOnline(true);
        Assert.Equal(OperatingState.Idle, row.State);
        row.SetOnline(false);
        Assert.Equal(OperatingState.Offline, row.State);
        row.SetOnline(true);
        Assert.Equal(OperatingState.Running, row.State);
    }
}
