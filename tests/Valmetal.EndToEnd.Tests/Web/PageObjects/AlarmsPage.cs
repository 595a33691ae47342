namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /alarms (open alarms and history) and of the alarm badge every page shows.</summary>
public sealed class AlarmsPage(IPage page, Wording? wording = null)
{
    private readonly Wording _words = wording ?? Wording.English;

    public ILocator Badge => page.GetByTestId("alarm-badge");

    public ILocator BadgeCount => page.GetByTestId("alarm-count");

    /// <summary>
    /// The badge is an interactive island of its own: it replaces its prerendered markup when the circuit starts, and
    /// is marked data-live once it has read the count again after subscribing to the live stream.
    /// </summary>
    public async Task WaitUntilBadgeIsLiveAsync() => await Expect(Badge.And(page.Locator("[data-live]"))).ToBeVisibleAsync();

    public ILocator List => page.GetByTestId("alarm-list");

    public ILocator Row(string text) => List.Locator("tbody tr", new() { HasText = text });

    public async Task OpenAsync(Uri webUrl, string state = "open") => await page.GotoAsync(new Uri(webUrl, $"alarms?state={state}").ToString());

    public async Task AcknowledgeAsync(string text)
    {
        var button = Row(text).GetByRole(AriaRole.Button, new() { Name = _words.Acknowledge });
        await Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
    }
}
