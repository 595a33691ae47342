namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /maintenance: what is due and overdue.</summary>
public sealed class MaintenancePage(IPage page)
{
    public ILocator DueList => page.GetByTestId("due-maintenance");

    public ILocator Rows => DueList.Locator("tbody tr");

    public ILocator OverdueOnly => page.GetByLabel("Overdue only");

    public async Task OpenAsync(Uri webUrl) => await page.GotoAsync(new Uri(webUrl, "maintenance").ToString());

    /// <summary>The filter is enabled once the page is interactive, after the circuit replaced the prerendered markup.</summary>
    public async Task WaitUntilInteractiveAsync() => await Expect(OverdueOnly).ToBeEnabledAsync();
}
