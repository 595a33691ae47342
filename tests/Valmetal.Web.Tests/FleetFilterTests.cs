using Valmetal.Api.Contracts;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Components.Fleet;

namespace Valmetal.Web.Tests;

public sealed class FleetFilterTests
{
    private static readonly Guid Farm = Guid.NewGuid();

    [Fact]
    public void Unknown_or_malformed_query_values_mean_no_filter()
    {
        var filter = FleetFilter.Parse("   ", "not-a-guid", "exploded");

        Assert.Equal(new FleetFilter(null, null, null), filter);
    }

    [Fact]
    public void Search_is_trimmed_and_limited()
    {
        var filter = FleetFilter.Parse("  " + new string('x', 500) + "  ", null, "IDLE");

        Assert.Equal(FleetFilter.MaxSearchLength, filter.Search!.Length);
        Assert.Equal(OperatingState.Idle, filter.State);
    }

    [Theory]
    [InlineData("mixer", null, true)]
    [InlineData("vm-fm", null, true)]
    [InlineData("silo", null, false)]
    [InlineData(null, "running", true)]
    [InlineData(null, "offline", false)]
    public void Filters_match_name_serial_model_and_state(string? search, string? state, bool expected)
    {
        var row = new FleetRow(new FleetRowSnapshot(Unit("VM-FM-0001", "North mixer"), true, OperatingState.Running, null, [], null), []);

        Assert.Equal(expected, FleetFilter.Parse(search, Farm.ToString(), state).Matches(row));
    }

    internal static EquipmentSummary Unit(string serial, string name) =>
        new(serial, name, "VM-FM-1200", "Vertical feed mixer 1200", "FeedMixer", Farm, "Farm", null, null, new DateOnly(2024, 1, 1), "1.0.0", "Active", 0);
}
