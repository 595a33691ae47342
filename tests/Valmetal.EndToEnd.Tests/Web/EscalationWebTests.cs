using System.Net.Http.Json;
using System.Text.Json;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>An admin sets a farm's escalation from the farm list: the delay and the technicians, saved and shown again.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EscalationWebTests(PlatformFixture platform, SharedBrowser browser)
{
    /// <summary>The demo's technician is assigned to this farm; NotificationTests escalate on the first one.</summary>
    private static readonly DemoFarm Farm = Fleet.Farms[1];

    [Fact]
    public async Task The_delay_and_the_technicians_are_saved_and_shown_again()
    {
        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var original = await api.GetFromJsonAsync<JsonElement>($"api/farms/{Farm.Id}/escalation");
        try
        {
            await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.Admin);
            await session.GoToAsync("admin");
            await session.Page.GetByRole(AriaRole.Link, new() { Name = $"Edit escalation of {Farm.Name}" }).ClickAsync();
            var escalation = new EscalationPage(session.Page);
            await Expect(session.Page.Locator("h1")).ToHaveTextAsync($"Escalation: {Farm.Name}");
            await escalation.WaitUntilInteractiveAsync();
            await escalation.RemoveAllAsync();

            await escalation.Minutes.FillAsync("7");
            await escalation.AddAsync(DemoUsers.Technician.Email);
            await escalation.SaveAsync();
            await Expect(escalation.Message).ToHaveTextAsync("Saved.");

            await session.Page.ReloadAsync();
            await escalation.WaitUntilInteractiveAsync();
            await Expect(escalation.Minutes).ToHaveValueAsync("7");
            await Expect(escalation.Contacts).ToHaveCountAsync(1);
            await Expect(escalation.Contacts.First).ToContainTextAsync(DemoUsers.Technician.Email);
            await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the escalation editor");
            await Browsers.SaveScreenshotAsync(session.Page, "admin-escalation");

            await escalation.Minutes.FillAsync("0");
            await escalation.SaveAsync();
            await Expect(session.Page.GetByTestId("error-escalationMinutes")).ToContainTextAsync("The delay must be between 1 and 1440.");

            await escalation.Minutes.FillAsync("7");
            await escalation.RemoveAsync(DemoUsers.Technician.Email);
            await escalation.SaveAsync();
            await Expect(escalation.Message).ToHaveTextAsync("Saved.");
            await session.Page.ReloadAsync();
            await Expect(escalation.NoContacts).ToBeVisibleAsync();
            var stored = await api.GetFromJsonAsync<JsonElement>($"api/farms/{Farm.Id}/escalation");
            Assert.Equal(7, stored.GetProperty("escalationMinutes").GetInt32());
            Assert.Equal(0, stored.GetProperty("contacts").GetArrayLength());
        }
        finally
        {
            (await api.PutAsJsonAsync($"api/farms/{Farm.Id}/escalation", original)).EnsureSuccessStatusCode();
        }
    }
}
