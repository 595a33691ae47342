using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>Sign-in, tenant isolation as a farmer sees it, maintenance logging and report upload, in a real browser.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ClientJourneyTests(PlatformFixture platform, SharedBrowser browser)
{
    [Fact]
    public async Task A_farmer_sees_only_their_equipment_logs_maintenance_and_uploads_a_report()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var farmer = DemoUsers.FarmerBeauregard;
        var foreign = Fleet.Equipment.Where(e => !farmer.FarmIds.Contains(e.FarmId)).Select(e => e.Thing).ToHashSet();
        using var api = await platform.CreateApiClientAsync(farmer);
        var own = (await api.GetFromJsonAsync<JsonObject>("api/equipment?pageSize=200"))!["items"]!.AsArray()
            .Select(e => e!["serialNumber"]!.GetValue<string>()).Order().ToList();

        await new SignInPage(page, platform.WebUrl).SignInAsync(farmer);
        var fleet = new FleetPage(page);
        await Expect(fleet.EquipmentCards).ToHaveCountAsync(own.Count);
        var shown = (await fleet.SerialsAsync()).Order().ToList();
        Assert.Equal(own, shown);
        Assert.DoesNotContain(shown, foreign.Contains);
        await Expect(fleet.FarmHeadings).ToHaveCountAsync(1);
        await Browsers.SaveScreenshotAsync(page, "farmer-fleet");

        var serial = own[0];
        await fleet.OpenEquipmentAsync(serial);
        await page.WaitForURLAsync($"**/equipment/{serial}");
        var equipment = new EquipmentPage(page);
        var title = $"Replaced auger wear plates {Guid.NewGuid():N}"[..36];
        await equipment.LogWorkAsync(title, "Plates worn to 3 mm", "2x wear plate WP-120", 45);
        await Expect(equipment.MaintenanceList).ToContainTextAsync(title);
        await Expect(equipment.MaintenanceList.Locator("tr", new() { HasText = title })).ToContainTextAsync(farmer.Email);

        var report = Encoding.UTF8.GetBytes("%PDF-1.4\n% service report\n" + new string('x', 2000));
        await equipment.UploadReportAsync("auger-service.pdf", "application/pdf", report);
        await Expect(equipment.DocumentsList).ToContainTextAsync("auger-service.pdf");
        await Browsers.SaveScreenshotAsync(page, "farmer-equipment");
    }

    [Fact]
    public async Task An_admin_sees_every_farm_and_all_equipment()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await new SignInPage(page, platform.WebUrl).SignInAsync(DemoUsers.Admin);

        var fleet = new FleetPage(page);
        await Expect(page.GetByTestId($"equipment-{Fleet.Equipment[^1].Thing}")).ToBeVisibleAsync();
        await Expect(fleet.FarmHeadings.Filter(new() { HasText = Fleet.Farms[2].Name })).ToHaveCountAsync(1);
        Assert.True(await fleet.FarmHeadings.CountAsync() >= Fleet.Farms.Count);
        var shown = await fleet.SerialsAsync();
        Assert.All(Fleet.Equipment, e => Assert.Contains(e.Thing, shown));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();

        // The whole fleet's state must reach the live circuit too (it once exceeded the connection's message limit).
        var value = fleet.Value(Fleet.Equipment[0].Thing, "motor_current_a");
        var before = await value.TextContentAsync();
        await Expect(value).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        await Browsers.SaveScreenshotAsync(page, "admin-fleet");
    }

    [Fact]
    public async Task A_wrong_password_is_told_clearly_and_grants_nothing()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page, platform.WebUrl);

        await signIn.OpenAsync();
        await signIn.SubmitAsync(DemoUsers.FarmerBeauregard.Email, "not-the-password");

        await Expect(signIn.Error).ToHaveTextAsync("Wrong e-mail or password.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sign-in page");
        await Browsers.SaveScreenshotAsync(page, "signin");
        await page.GotoAsync(platform.WebUrl.ToString());
        await page.WaitForURLAsync("**/signin**");
    }
}
