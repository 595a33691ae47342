using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>The Client app's main flows as a farmer uses them: fleet overview, one unit's page, maintenance.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class ClientAppTests(PlatformFixture platform, SharedBrowser browser)
{
    [Fact]
    public async Task A_farmer_sees_each_unit_s_state_and_next_maintenance_and_filters_the_fleet()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerBeauregard);
        var fleet = new FleetPage(session.Page);
        var serials = await fleet.SerialsAsync();
        Assert.NotEmpty(serials);

        Assert.Equal(serials.Count, await fleet.CountedAsync());
        await Expect(fleet.State(Fleet.Equipment[0].Thing)).ToHaveTextAsync(new Regex("^(running|idle|fault)$"));
        // Every demo unit has a scheduled safety inspection, so each card names its next task.
        await Expect(fleet.NextDue(Fleet.Equipment[0].Thing)).ToContainTextAsync(new Regex("(Next|Overdue): "));
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the fleet overview");
        await Browsers.SaveScreenshotAsync(session.Page, "client-fleet");

        await fleet.FilterAsync(search: serials[^1]);
        await Expect(fleet.EquipmentCards).ToHaveCountAsync(1);
        Assert.Equal(serials[^1], (await fleet.SerialsAsync()).Single());
        Assert.Contains($"q={serials[^1]}", session.Page.Url, StringComparison.Ordinal);

        // Only offline units, each badge offline: the list and its badges come from the same render.
        await fleet.FilterAsync(state: "offline");
        Assert.DoesNotContain(Fleet.Equipment[0].Thing, await fleet.SerialsAsync());
        Assert.All(await fleet.StatesAsync(), state => Assert.Equal("offline", state));

        await Browsers.SaveScreenshotAsync(session.Page, "client-fleet-filtered");
    }

    [Fact]
    public async Task The_equipment_page_charts_several_metrics_zooms_and_exports_the_shown_range()
    {
        var serial = Fleet.Equipment[0].Thing;
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerBeauregard);
        await session.GoToAsync($"equipment/{serial}");
        var equipment = new EquipmentPage(session.Page);

        await equipment.ShowRangeAsync("30 d");
        Assert.True(int.Parse((await equipment.Chart.GetAttributeAsync("data-buckets"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await equipment.ShowRangeAsync("15 min");
        await equipment.ToggleMetricAsync("motor_temp_c");
        await Expect(equipment.Chart).ToHaveAttributeAsync("aria-label", new Regex("^Chart of Auger speed, Motor temperature, last 15 min$"));
        await Expect(equipment.Chart.Locator(".u-legend")).ToContainTextAsync("Motor temperature (°C)");

        await equipment.ZoomIntoMiddleAsync();
        await Expect(equipment.HistorySummary).ToContainTextAsync("UTC");
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Reset zoom" })).ToBeVisibleAsync();
        var href = await equipment.ExportLink.GetAttributeAsync("href");
        Assert.Contains("metrics=auger_rpm%2Cmotor_temp_c", href, StringComparison.Ordinal);

        var download = await session.Page.RunAndWaitForDownloadAsync(() => equipment.ExportLink.ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("timestamp_utc,metric,value,unit", csv[0]);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.All(csv.Skip(1), line => Assert.Matches("^[0-9T:.Z-]+,(auger_rpm,[-0-9.E]+,rpm|motor_temp_c,[-0-9.E]+,°C)$", line));

        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the equipment page");
        await Browsers.SaveScreenshotAsync(session.Page, "client-equipment-chart");
    }

    [Fact]
    public async Task Commands_are_confirmed_then_their_result_and_the_changed_state_are_shown()
    {
        var serial = OwnSimulatedUnit(1);
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerBeauregard);
        await session.GoToAsync($"equipment/{serial}");
        var equipment = new EquipmentPage(session.Page);
        await Expect(equipment.StateBadge).ToHaveTextAsync("running");

        await equipment.SendCommandAsync("Stop");
        await Expect(equipment.CommandResult).ToHaveTextAsync("Stop: succeeded (done by the simulator).", new() { Timeout = 30_000 });
        await Expect(equipment.StateBadge).ToHaveTextAsync("idle", new() { Timeout = 20_000 });
        await Expect(session.Page.GetByTestId("command-history")).ToContainTextAsync("stop");
        await Browsers.SaveScreenshotAsync(session.Page, "client-equipment-command");

        await equipment.SendCommandAsync("Start");
        await Expect(equipment.CommandResult).ToHaveTextAsync("Start: succeeded (done by the simulator).", new() { Timeout = 30_000 });
        await Expect(equipment.StateBadge).ToHaveTextAsync("running", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_desired_setting_shows_pending_until_the_equipment_reports_it_applied()
    {
        var serial = OwnSimulatedUnit(2);
        var ration = Random.Shared.Next(500, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerBeauregard);
        await session.GoToAsync($"equipment/{serial}");
        var equipment = new EquipmentPage(session.Page);

        await equipment.SetConfigurationAsync("ration_kg", ration);

        var row = equipment.ConfigRow("ration_kg");
        await Expect(row).ToContainTextAsync(ration);
        await Expect(row.Locator(".badge")).ToHaveTextAsync(new Regex("^(pending|applied)$"));
        await Expect(row.Locator(".badge")).ToHaveTextAsync("applied", new() { Timeout = 30_000 });
        using var api = await platform.CreateApiClientAsync(DemoUsers.FarmerBeauregard);
        var state = await api.GetFromJsonAsync<JsonObject>($"api/equipment/{serial}/state");
        Assert.Equal(double.Parse(ration, System.Globalization.CultureInfo.InvariantCulture), state!["desired"]!["ration_kg"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_maintenance_page_lists_due_work_and_leads_to_logging_it()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerErables);
        var maintenance = new MaintenancePage(session.Page);
        await maintenance.OpenAsync(session.WebUrl);

        await Expect(maintenance.Rows.Nth(1)).ToBeVisibleAsync(); // at least two due tasks
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the maintenance page");
        await Browsers.SaveScreenshotAsync(session.Page, "client-maintenance");

        await maintenance.Rows.First.GetByRole(AriaRole.Link, new() { Name = "Log work or attach a report" }).ClickAsync();
        await session.Page.WaitForURLAsync(new Regex("/equipment/[^/]+#maintenance$"));
        await Expect(new EquipmentPage(session.Page).MaintenanceList).ToBeVisibleAsync();
    }

    /// <summary>A unit of the signed-in farmer that the simulator runs (it answers commands and applies configuration).</summary>
    private static string OwnSimulatedUnit(int index) => Fleet.Equipment.Take(PlatformFixture.SimulatedDevices)
        .Where(e => DemoUsers.FarmerBeauregard.FarmIds.Contains(e.FarmId)).ElementAt(index).Thing;
}
