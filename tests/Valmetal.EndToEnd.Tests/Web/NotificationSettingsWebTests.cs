using System.Globalization;
using System.Net.Http.Json;
using Valmetal.EndToEnd.Tests.Notifications;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// A farmer's notification settings page (choices saved and shown again, the API's refusal next to its field, the test
/// message) and the admin's log of what was sent. Each test puts the user's settings back as the demo has them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationSettingsWebTests(PlatformFixture platform, SharedBrowser browser)
{
    private const string TestSubject = "Valmetal Connect: test notification";

    [Fact]
    public async Task Choices_are_saved_and_shown_again_and_a_bad_phone_number_is_marked_with_the_api_s_words()
    {
        var farmer = DemoUsers.FarmerPrairie;
        var farm = farmer.FarmIds[0];
        try
        {
            await using var session = await WebSession.SignInAsync(platform, browser, farmer);
            var settings = new NotificationSettingsPage(session.Page);
            await settings.OpenAsync(session.WebUrl);
            var row = settings.Farm(farm);
            await settings.Phone.FillAsync("+15195550142");
            await settings.Language.SelectOptionAsync("fr-CA");
            await row.Push.SetCheckedAsync(false);
            await row.Sms.SetCheckedAsync(true);
            await row.MinimumSeverity.SelectOptionAsync("critical");
            await row.QuietFrom.FillAsync("22:00");
            await row.QuietUntil.FillAsync("06:30");
            await settings.SaveAsync();
            await Expect(settings.Message).ToHaveTextAsync("Saved.");

            await session.Page.ReloadAsync();
            await settings.WaitUntilInteractiveAsync();
            await Expect(settings.Phone).ToHaveValueAsync("+15195550142");
            await Expect(settings.Language).ToHaveValueAsync("fr-CA");
            await Expect(row.Email).ToBeCheckedAsync();
            await Expect(row.Push).Not.ToBeCheckedAsync();
            await Expect(row.Sms).ToBeCheckedAsync();
            await Expect(row.MinimumSeverity).ToHaveValueAsync("critical");
            await Expect(row.QuietFrom).ToHaveValueAsync("22:00");
            await Expect(row.QuietUntil).ToHaveValueAsync("06:30");
            await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the notification settings page");
            await Browsers.SaveScreenshotAsync(session.Page, "client-notification-settings");

            await settings.Phone.FillAsync("514-555-0142");
            await settings.SaveAsync();
            await Expect(settings.PhoneError).ToContainTextAsync("The phone number must be an international number such as +15145550123.");
            await Expect(settings.Phone).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(settings.Refusal).ToContainTextAsync("Not saved: correct the fields marked below.");
            await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the notification settings page with a refused phone number");

            using var api = await platform.CreateApiClientAsync(farmer);
            var stored = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("api/me/notifications");
            Assert.Equal("+15195550142", stored.GetProperty("phone").GetString());
        }
        finally
        {
            await RestoreAsync(farmer);
        }
    }

    [Fact]
    public async Task The_test_button_sends_an_e_mail_that_the_admin_finds_in_the_log()
    {
        var farmer = DemoUsers.FarmerErables;
        using var inboxes = new Inboxes(platform);
        var before = (await inboxes.MailAsync()).Count(m => m.To == farmer.Email && m.Subject == TestSubject);
        await using (var session = await WebSession.SignInAsync(platform, browser, farmer))
        {
            var settings = new NotificationSettingsPage(session.Page);
            await settings.OpenAsync(session.WebUrl);
            await settings.SendTestAsync();
            await Expect(settings.TestResult).ToHaveTextAsync("Test notification sent.");
        }

        var sentAt = DateTimeOffset.UtcNow;
        var mail = await Eventually.PollAsync(
            async () => (await inboxes.MailAsync()).Where(m => m.To == farmer.Email && m.Subject == TestSubject).ToList(),
            found => found.Count > before, TimeSpan.FromSeconds(20));
        Assert.Equal(before + 1, mail.Count);
        Assert.Contains("This is a test.", mail[^1].Text, StringComparison.Ordinal);

        await using var admin = await WebSession.SignInAsync(platform, browser, DemoUsers.Admin);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications sent" }).ClickAsync();
        var log = new NotificationLogPage(admin.Page);
        await Expect(log.Rows.First).ToBeVisibleAsync();
        // Marked delivered once the mail server took it, which may be a moment after maildev shows it.
        var newest = await Eventually.GetAsync(async () =>
        {
            await log.OpenAsync(admin.WebUrl, "delivered", "email");
            return await log.RowsWith(farmer.Email, "Test").CountAsync() > 0 ? log.RowsWith(farmer.Email, "Test").First : null;
        }, TimeSpan.FromSeconds(20), "the delivered test e-mail in the log");
        await Expect(NotificationLogPage.Cell(newest, "Subject")).ToHaveTextAsync(TestSubject);
        await Expect(NotificationLogPage.Cell(newest, "Channel")).ToHaveTextAsync("E-mail");
        await Expect(NotificationLogPage.Cell(newest, "Status")).ToContainTextAsync("Delivered");
        var created = DateTimeOffset.ParseExact((await NotificationLogPage.Cell(newest, "Created").TextContentAsync())!.Trim(),
            "yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(created, sentAt.AddMinutes(-1), sentAt.AddSeconds(20));
        await Expect(log.Rows.Locator("td[data-label='Channel']").Filter(new() { HasNotText = "E-mail" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(admin.Page, "the notification log");
        await Browsers.SaveScreenshotAsync(admin.Page, "admin-notification-log");
    }

    /// <summary>As the demo has the user: no phone, English, no choice made for any farm.</summary>
    private async Task RestoreAsync(DemoUser user)
    {
        using var api = await platform.CreateApiClientAsync(user);
        (await api.PutAsJsonAsync("api/me/notifications", new { phone = (string?)null, language = "en", farms = Array.Empty<object>() }))
            .EnsureSuccessStatusCode();
    }
}
