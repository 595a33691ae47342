namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/rejections: device messages the telemetry service refused, with reasons.</summary>
public sealed class RejectionsPage(IPage page)
{
    public ILocator Rows => page.GetByTestId("rejections").Locator("tbody tr");

    public ILocator ByReason => page.GetByTestId("rejections-by-reason");

    public async Task OpenAsync(Uri webUrl, string thing) =>
        await page.GotoAsync(new Uri(webUrl, $"admin/rejections?thing={Uri.EscapeDataString(thing)}").ToString());
}
