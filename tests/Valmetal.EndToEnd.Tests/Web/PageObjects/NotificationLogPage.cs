namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/notifications: what was sent, newest first.</summary>
public sealed class NotificationLogPage(IPage page)
{
    public ILocator Rows => page.GetByTestId("notification-log").Locator("tbody tr");

    public async Task OpenAsync(Uri webUrl, string? status = null, string? channel = null) =>
        await page.GotoAsync(new Uri(webUrl, $"admin/notifications?status={status}&channel={channel}").ToString());

    /// <summary>Rows whose cells read exactly these values in the named columns (by their phone label).</summary>
    public ILocator RowsWith(string recipient, string kind) =>
        Rows.Filter(new() { Has = page.Locator($"td[data-label='Recipient']:text-is('{recipient}')") })
            .Filter(new() { Has = page.Locator($"td[data-label='Kind']:text-is('{kind}')") });

    public static ILocator Cell(ILocator row, string column) => row.Locator($"td[data-label='{column}']");
}
