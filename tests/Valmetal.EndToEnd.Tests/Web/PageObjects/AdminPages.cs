using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin: every farm and every unit.</summary>
public sealed class AdminHomePage(IPage page)
{
    public ILocator Farms => page.GetByTestId("admin-farms").Locator("tbody tr");

    public ILocator Equipment => page.GetByTestId("admin-equipment").Locator("tbody tr");

    public ILocator Unit(string serial) => page.GetByTestId($"admin-equipment-{serial}");
}

/// <summary>Page object of /admin/equipment/new: registration, then the device certificate.</summary>
public sealed class RegisterEquipmentPage(IPage page)
{
    public ILocator Result => page.GetByTestId("register-result");

    public ILocator Fingerprint => page.GetByTestId("certificate-fingerprint");

    public async Task RegisterAsync(string serial, string name, string modelCode, string farmName)
    {
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Register" })).ToBeEnabledAsync();
        await page.GetByLabel("Serial number").FillAsync(serial);
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Model").SelectOptionAsync(modelCode);
        await page.GetByLabel("Farm").SelectOptionAsync(new SelectOptionValue { Label = farmName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
    }

    public async Task IssueCertificateAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Issue certificate" }).ClickAsync();

    /// <summary>Clicks a download button and returns the saved file's text.</summary>
    public async Task<(string FileName, string Text)> DownloadAsync(string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}

/// <summary>Page object of /admin/models/{code}: a model's metric catalogue and thresholds.</summary>
public sealed class ModelCataloguePage(IPage page)
{
    public ILocator Result => page.GetByTestId("catalogue-result");

    public ILocator WarningThreshold(string metric) => page.GetByLabel($"Warning threshold of {metric}");

    public async Task SetWarningThresholdAsync(string metric, string value)
    {
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save catalogue" })).ToBeEnabledAsync();
        await WarningThreshold(metric).FillAsync(value);
        await WarningThreshold(metric).BlurAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save catalogue" }).ClickAsync();
    }
}

/// <summary>Page object of /admin/users.</summary>
public sealed class UsersPage(IPage page)
{
    public ILocator Users => page.GetByTestId("users").Locator("tbody tr");

    public ILocator User(string email) => page.GetByTestId($"user-{email}");
}
