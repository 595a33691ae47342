using System.Text.RegularExpressions;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>The Admin app (/admin) as the equipment maker's staff use it, and who may not use it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminAppTests(PlatformFixture platform, SharedBrowser browser)
{
    [Fact]
    public async Task An_admin_registers_equipment_and_downloads_its_device_certificate_once()
    {
        var serial = $"WEB-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.Admin);
        await session.GoToAsync("admin/equipment/new");
        var register = new RegisterEquipmentPage(session.Page);
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the registration page");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-register-equipment");

        await register.RegisterAsync(serial, "Web test mixer", DemoModels.FeedMixer.Code, Fleet.Farms[1].Name);
        await Expect(register.Result).ToHaveTextAsync($"{serial} registered.");
        await register.IssueCertificateAsync();
        await Expect(register.Fingerprint).ToHaveTextAsync(new Regex("^[0-9A-Fa-f:]{20,}$"));

        var (certificateName, certificate) = await register.DownloadAsync("Download certificate");
        var (keyName, key) = await register.DownloadAsync("Download private key");
        var (_, ca) = await register.DownloadAsync("Download CA certificate");
        Assert.Equal($"{serial}.crt", certificateName);
        Assert.Equal($"{serial}.key", keyName);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificate, StringComparison.Ordinal);
        Assert.Contains("PRIVATE KEY-----", key, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", ca, StringComparison.Ordinal);
        Assert.NotEqual(certificate, ca);
        await Browsers.SaveScreenshotAsync(session.Page, "admin-certificate");

        await session.GoToAsync("admin");
        var home = new AdminHomePage(session.Page);
        await Expect(home.Unit(serial)).ToContainTextAsync(Fleet.Farms[1].Name);
        Assert.True(await home.Equipment.CountAsync() >= Fleet.Equipment.Count + 1);
        Assert.True(await home.Farms.CountAsync() >= Fleet.Farms.Count);
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the admin overview");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-home");
    }

    [Fact]
    public async Task An_admin_changes_a_model_s_threshold_and_it_is_kept()
    {
        var model = DemoModels.Conveyor;
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.Admin);
        await session.GoToAsync("admin/models");
        await Expect(session.Page.GetByTestId("models")).ToContainTextAsync(model.Name);
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the models page");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-models");

        await session.Page.GetByRole(AriaRole.Link, new() { Name = model.Name }).ClickAsync();
        var catalogue = new ModelCataloguePage(session.Page);
        var original = await catalogue.WarningThreshold("motor_current_a").InputValueAsync();
        await catalogue.SetWarningThresholdAsync("motor_current_a", "41.5");
        await Expect(catalogue.Result).ToContainTextAsync("Catalogue saved");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the model catalogue page");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-model-catalogue");

        await session.Page.ReloadAsync();
        await Expect(catalogue.WarningThreshold("motor_current_a")).ToHaveValueAsync("41.5");
        await catalogue.SetWarningThresholdAsync("motor_current_a", original);
        await Expect(catalogue.Result).ToContainTextAsync("Catalogue saved");
    }

    [Fact]
    public async Task The_users_page_lists_every_role()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.Admin);
        await session.GoToAsync("admin/users");
        var users = new UsersPage(session.Page);
        foreach (var user in DemoUsers.All)
        {
            await Expect(users.User(user.Email)).ToBeVisibleAsync();
        }

        await Expect(users.User(DemoUsers.Technician.Email).GetByRole(AriaRole.Combobox)).ToHaveValueAsync("technicians");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the users page");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-users");
    }

    [Fact]
    public async Task A_technician_sees_the_assigned_farms_and_no_admin_pages()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.Technician);
        var fleet = new FleetPage(session.Page);
        await Expect(fleet.FarmHeadings).ToHaveCountAsync(DemoUsers.Technician.FarmIds.Count);
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
        await Browsers.SaveScreenshotAsync(session.Page, "technician-fleet");

        await session.GoToAsync("admin");
        await Expect(session.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(session.Page.GetByTestId("admin-equipment")).ToHaveCountAsync(0);
    }
}
