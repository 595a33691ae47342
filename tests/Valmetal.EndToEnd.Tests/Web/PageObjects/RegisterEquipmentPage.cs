namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/equipment/new: registration, then the device certificate.</summary>
public sealed class RegisterEquipmentPage(IPage page)
{
    public ILocator Result => page.GetByTestId("register-result");

    public ILocator Fingerprint => page.GetByTestId("certificate-fingerprint");

    public async Task RegisterAsync(string serial, string name, string modelCode, string farmName)
    {
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Register" })).ToBeEnabledAsync();
        await page.GetByLabel("Serial number").FillAsync(serial);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Model", new() { Exact = true }).SelectOptionAsync(modelCode);
        await page.GetByLabel("Farm", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = farmName });
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
