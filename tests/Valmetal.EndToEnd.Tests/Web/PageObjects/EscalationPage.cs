namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/farms/{id}/escalation: a farm's escalation delay and contacts.</summary>
public sealed class EscalationPage(IPage page)
{
    public ILocator Minutes => page.GetByTestId("escalation-minutes");

    public ILocator Contacts => page.GetByTestId("escalation-contacts").GetByTestId("contact");

    public ILocator NoContacts => page.GetByTestId("no-contacts");

    public ILocator Message => page.GetByTestId("escalation-message");

    /// <summary>Once the page is interactive: before that its buttons are disabled and typed values would be lost.</summary>
    public async Task WaitUntilInteractiveAsync() => await Expect(page.GetByTestId("save-escalation")).ToBeEnabledAsync();

    public async Task RemoveAllAsync()
    {
        for (var left = await Contacts.CountAsync(); left > 0; left--)
        {
            await Contacts.First.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
            await Expect(Contacts).ToHaveCountAsync(left - 1);
        }
    }

    public async Task AddAsync(string email)
    {
        var select = page.GetByTestId("add-contact");
        var option = select.Locator("option", new() { HasText = email });
        await select.SelectOptionAsync(new SelectOptionValue { Value = await option.GetAttributeAsync("value") });
        await page.GetByTestId("add-contact-button").ClickAsync();
    }

    public async Task RemoveAsync(string email) =>
        await Contacts.Filter(new() { HasText = email }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

    public async Task SaveAsync() => await page.GetByTestId("save-escalation").ClickAsync();
}
