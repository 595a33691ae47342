using Microsoft.Playwright;

namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of one piece of equipment (/equipment/{serial}): live values, history, maintenance, documents.</summary>
public sealed class EquipmentPage(IPage page)
{
    public ILocator MaintenanceList => page.GetByTestId("maintenance-list");

    public ILocator DocumentsList => page.GetByTestId("documents-list");

    public async Task LogWorkAsync(string title, string notes, string parts, int minutes)
    {
        await page.GetByLabel("What was done").FillAsync(title);
        await page.GetByLabel("Status").SelectOptionAsync("Done");
        await page.GetByLabel("Notes").FillAsync(notes);
        await page.GetByLabel("Parts used").FillAsync(parts);
        await page.GetByLabel("Minutes spent").FillAsync(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    public async Task UploadReportAsync(string fileName, string mimeType, byte[] content)
    {
        await page.GetByTestId("report-file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
    }
}
