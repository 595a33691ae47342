using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// The sign-in steps beyond a password, in a real browser against cognito-local: an invited user's first password,
/// a forgotten password reset with the e-mailed code, and an authenticator app set up and then asked for.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInStepsTests(PlatformFixture platform, SharedBrowser browser)
{
    private const string NewPassword = "Barn-Door-Blue-2026";

    [Fact]
    public async Task An_invited_user_chooses_their_own_password_at_first_sign_in()
    {
        var email = await InviteAsync(initialPassword: null);
        var temporary = await new LocalUserPoolStore(platform).TemporaryPasswordAsync(email);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page, platform.WebUrl);

        await signIn.OpenAsync();
        await signIn.SubmitAsync(email, temporary);
        await page.WaitForURLAsync("**/signin/new-password");
        await ChoosePasswordAsync(page, NewPassword);

        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
        await SignOutAsync(page);
        await signIn.SubmitAsync(email, NewPassword);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
    }

    [Fact]
    public async Task A_first_password_the_policy_refuses_keeps_the_user_on_the_form_with_the_rule()
    {
        var email = await InviteAsync(initialPassword: null);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page, platform.WebUrl);
        await signIn.OpenAsync();
        await signIn.SubmitAsync(email, await new LocalUserPoolStore(platform).TemporaryPasswordAsync(email));
        await page.WaitForURLAsync("**/signin/new-password");

        await page.GetByLabel("New password").FillAsync("Barn-Door-Blue-2026");
        await page.GetByLabel("The same again").FillAsync("Barn-Door-Blue-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and sign in" }).ClickAsync();

        await page.WaitForURLAsync("**/signin/new-password?error=differ");
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("not the same");
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_with_the_e_mailed_code()
    {
        var email = await InviteAsync(initialPassword: "Forgotten-Pass-2026");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page, platform.WebUrl);
        await signIn.OpenAsync();

        await page.GetByTestId("forgot-password").ClickAsync();
        // The sign-in page has an e-mail field too, and Blazor's enhanced navigation changes the address before the
        // page: fill only once the forgot-password form is there.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send the code" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
        await Expect(page.GetByTestId("code-sent")).ToBeVisibleAsync();
        await SetPasswordWithCodeAsync(page, await new LocalUserPoolStore(platform).ResetCodeAsync(email), NewPassword);

        await Expect(page.GetByTestId("password-reset")).ToBeVisibleAsync();
        await signIn.SubmitAsync(email, "Forgotten-Pass-2026");
        await Expect(signIn.Error).ToBeVisibleAsync();
        await signIn.SubmitAsync(email, NewPassword);
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
    }

    [Fact]
    public async Task A_wrong_reset_code_is_refused_and_the_old_password_still_works()
    {
        var email = await InviteAsync(initialPassword: "Kept-Password-2026");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(platform.WebUrl, $"signin/forgot?email={Uri.EscapeDataString(email)}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
        await Expect(page.GetByTestId("code-sent")).ToBeVisibleAsync();
        var code = await new LocalUserPoolStore(platform).ResetCodeAsync(email);

        await SetPasswordWithCodeAsync(page, code == "000000" ? "111111" : "000000", NewPassword);

        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("code is wrong");
        var signIn = new SignInPage(page, platform.WebUrl);
        await signIn.OpenAsync();
        await signIn.SubmitAsync(email, "Kept-Password-2026");
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
    }

    [Fact]
    public async Task An_authenticator_app_set_up_on_the_security_page_is_asked_for_at_the_next_sign_in()
    {
        var email = await InviteAsync(initialPassword: "Second-Factor-2026");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page, platform.WebUrl);
        await signIn.OpenAsync();
        await signIn.SubmitAsync(email, "Second-Factor-2026");
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);

        await page.GetByTestId("signed-in-user").ClickAsync();
        await page.GetByTestId("mfa-start").ClickAsync();
        await Expect(page.GetByTestId("mfa-qr").Locator("svg")).ToBeVisibleAsync();
        var secret = (await page.GetByTestId("mfa-secret").TextContentAsync())!.Trim();
        await Expect(page.GetByTestId("mfa-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^otpauth://totp/.*secret=" + secret));
        await page.GetByTestId("mfa-code").FillAsync(Totp.Code(secret, DateTimeOffset.UtcNow));
        await page.GetByTestId("mfa-confirm").ClickAsync();
        await Expect(page.GetByTestId("mfa-status")).ToContainTextAsync("On:");

        await SignOutAsync(page);
        await signIn.SubmitAsync(email, "Second-Factor-2026");
        await page.WaitForURLAsync("**/signin/code");
        await page.GetByLabel("Code").FillAsync(Totp.Code(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(email);
    }

    private async Task<string> InviteAsync(string? initialPassword)
    {
        var email = $"steps-{Guid.NewGuid():N}@example.test";
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var farm = DemoUsers.FarmerErables.FarmIds[0];
        var created = await admin.PostAsJsonAsync("api/users", new JsonObject
        {
            ["email"] = email, ["displayName"] = "Steps", ["role"] = "farmers", ["farmIds"] = new JsonArray(farm.ToString()),
            ["initialPassword"] = initialPassword,
        });
        created.EnsureSuccessStatusCode();
        return email;
    }

    private static async Task ChoosePasswordAsync(IPage page, string password)
    {
        await page.GetByLabel("New password").FillAsync(password);
        await page.GetByLabel("The same again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and sign in" }).ClickAsync();
    }

    private static async Task SetPasswordWithCodeAsync(IPage page, string code, string password)
    {
        await page.GetByLabel("Code from the e-mail").FillAsync(code);
        await page.GetByLabel("New password").FillAsync(password);
        await page.GetByLabel("The same again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the password" }).ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin?signedOut=1");
    }
}
