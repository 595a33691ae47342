namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /signin.</summary>
public sealed class SignInPage(IPage page, Uri webUrl, Wording? wording = null)
{
    private readonly Wording _words = wording ?? Wording.English;

    public ILocator Error => page.GetByTestId("signin-error");

    public async Task OpenAsync() => await page.GotoAsync(new Uri(webUrl, "signin").ToString());

    public async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel(_words.Email).FillAsync(email);
        await page.GetByLabel(_words.Password).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = _words.SignIn }).ClickAsync();
    }

    /// <summary>Signs in and waits until the fleet page shows who is signed in.</summary>
    public async Task SignInAsync(DemoUser user)
    {
        await OpenAsync();
        await SubmitAsync(user.Email, user.Password);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(user.Email);
    }
}
