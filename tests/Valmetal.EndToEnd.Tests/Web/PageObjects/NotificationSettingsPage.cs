namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /account/notifications: the user's own notification settings.</summary>
public sealed class NotificationSettingsPage(IPage page)
{
    public ILocator Phone => page.GetByTestId("phone");

    public ILocator Language => page.GetByTestId("language");

    public ILocator Message => page.GetByTestId("notifications-message");

    public ILocator Refusal => page.GetByTestId("form-refusal");

    public ILocator PhoneError => page.GetByTestId("error-phone");

    public ILocator TestResult => page.GetByTestId("test-result");

    public ILocator PushState => page.GetByTestId("push-state");

    /// <summary>Opens the page and waits until it is interactive: before that its buttons are disabled and typed values would be lost.</summary>
    public async Task OpenAsync(Uri webUrl)
    {
        await page.GotoAsync(new Uri(webUrl, "account/notifications").ToString());
        await WaitUntilInteractiveAsync();
    }

    public async Task WaitUntilInteractiveAsync() => await Expect(page.GetByTestId("save-notifications")).ToBeEnabledAsync();

    public FarmRow Farm(Guid farmId) => new(page.GetByTestId($"farm-{farmId}"));

    public async Task SaveAsync() => await page.GetByTestId("save-notifications").ClickAsync();

    public async Task SendTestAsync() => await page.GetByTestId("send-test").ClickAsync();

    /// <summary>One farm's row of choices.</summary>
    public sealed class FarmRow(ILocator row)
    {
        public ILocator Email => row.GetByTestId("email");

        public ILocator Push => row.GetByTestId("push");

        public ILocator Sms => row.GetByTestId("sms");

        public ILocator MinimumSeverity => row.GetByTestId("minimum-severity");

        public ILocator QuietFrom => row.GetByTestId("quiet-from");

        public ILocator QuietUntil => row.GetByTestId("quiet-until");
    }
}
