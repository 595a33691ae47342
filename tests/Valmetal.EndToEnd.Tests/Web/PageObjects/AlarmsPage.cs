namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /alarms (open alarms and history) and of the alarm badge every page shows.</summary>
public sealed class AlarmsPage(IPage page)
{
    public ILocator Badge => page.GetByTestId("alarm-badge");

    public ILocator BadgeCount => page.GetByTestId("alarm-count");

    public ILocator List => page.GetByTestId("alarm-list");

    public ILocator Row(string text) => List.Locator("tbody tr", new() { HasText = text });

    public async Task OpenAsync(Uri webUrl, string state = "open") => await page.GotoAsync(new Uri(webUrl, $"alarms?state={state}").ToString());

    public async Task AcknowledgeAsync(string text)
    {
        var button = Row(text).GetByRole(AriaRole.Button, new() { Name = "Acknowledge" });
        await Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
    }
}
