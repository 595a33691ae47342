using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of one piece of equipment (/equipment/{serial}): live values, history, maintenance, documents.</summary>
public sealed class EquipmentPage(IPage page)
{
    public ILocator MaintenanceList => page.GetByTestId("maintenance-list");

    public ILocator DocumentsList => page.GetByTestId("documents-list");

    /// <summary>Buttons are enabled once the page is interactive; typing before that would be lost on hydration.</summary>
    public async Task WaitUntilInteractiveAsync() =>
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();

    public async Task LogWorkAsync(string title, string notes, string parts, int minutes)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByLabel("What was done").FillAsync(title);
        await page.GetByLabel("Status").SelectOptionAsync("Done");
        await page.GetByLabel("Notes").FillAsync(notes);
        await page.GetByLabel("Parts used").FillAsync(parts);
        await page.GetByLabel("Minutes spent").FillAsync(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    public async Task UploadReportAsync(string fileName, string mimeType, byte[] content)
    {
        await WaitUntilInteractiveAsync();
        await page.GetByTestId("report-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
    }
}
