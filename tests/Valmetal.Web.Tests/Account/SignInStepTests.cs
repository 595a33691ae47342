using System.Net;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Account;

/// <summary>The steps after a password (a first password, an authenticator code) and "forgot password", as forms post them.</summary>
public sealed class SignInStepTests : IAsyncDisposable
{
    private const string Invited = "invited@farm.test";
    private readonly WebAppFactory _web = new();

    [Fact]
    public async Task A_password_Cognito_answers_with_a_challenge_leads_to_its_form_without_a_session()
    {
        _web.Cognito.Challenges[Invited] = SignInChallenges.NewPasswordRequired;
        using var browser = _web.CreateBrowser();

        using var response = await SignInAsync(browser, Invited);

        Assert.Equal("/signin/new-password", response.Headers.Location?.OriginalString);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var challenge = Assert.Single(cookies, c => c.StartsWith(PendingChallenge.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", challenge, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", challenge, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", challenge, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("session-of-", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain(cookies, c => c.StartsWith("valmetal.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_password_answers_the_challenge_with_Cognitos_session_and_signs_in()
    {
        _web.Cognito.Challenges[Invited] = SignInChallenges.NewPasswordRequired;
        _web.Cognito.RightAnswer = "Barn-Door-Blue-2026";
        using var browser = _web.CreateBrowser();
        (await SignInAsync(browser, Invited, returnUrl: "/alarms")).Dispose();

        using var answered = await browser.PostFormAsync("/account/signin/answer", [new("answer", "Barn-Door-Blue-2026"), new("repeat", "Barn-Door-Blue-2026")]);

        Assert.Equal("/alarms", answered.Headers.Location?.OriginalString);
        Assert.Contains(answered.Headers.GetValues("Set-Cookie"), c => c.StartsWith("valmetal.session=", StringComparison.Ordinal));
        var call = Assert.Single(_web.Cognito.CallsTo("RespondToAuthChallenge")).Body;
        Assert.Equal("session-of-" + Invited, call["Session"]!.GetValue<string>());
        Assert.Equal("id-of-" + Invited, call["ChallengeResponses"]!["USERNAME"]!.GetValue<string>());
        Assert.Equal("Barn-Door-Blue-2026", call["ChallengeResponses"]!["NEW_PASSWORD"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_different_new_passwords_go_back_to_the_form_without_asking_Cognito()
    {
        _web.Cognito.Challenges[Invited] = SignInChallenges.NewPasswordRequired;
        using var browser = _web.CreateBrowser();
        (await SignInAsync(browser, Invited)).Dispose();

        using var answered = await browser.PostFormAsync("/account/signin/answer", [new("answer", "Barn-Door-Blue-2026"), new("repeat", "Barn-Door-Blue-2027")]);

        Assert.Equal($"/signin/new-password?error={SignInErrors.PasswordsDiffer}", answered.Headers.Location?.OriginalString);
        Assert.Empty(_web.Cognito.CallsTo("RespondToAuthChallenge"));
    }

    [Fact]
    public async Task A_wrong_authenticator_code_goes_back_to_the_code_form()
    {
        _web.Cognito.Challenges[Invited] = SignInChallenges.SoftwareTokenMfa;
        using var browser = _web.CreateBrowser();
        using var signedIn = await SignInAsync(browser, Invited);
        Assert.Equal("/signin/code", signedIn.Headers.Location?.OriginalString);

        using var answered = await browser.PostFormAsync("/account/signin/answer", [new("answer", "000000")]);

        Assert.Equal($"/signin/code?error={SignInErrors.WrongCode}", answered.Headers.Location?.OriginalString);
        Assert.Equal("SOFTWARE_TOKEN_MFA_CODE", Assert.Single(_web.Cognito.CallsTo("RespondToAuthChallenge")).Body["ChallengeResponses"]!
            .AsObject().Single(r => r.Key != "USERNAME").Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("CfDJ8-forged-or-from-another-key-ring")]
    public async Task An_answer_without_a_readable_pending_step_starts_sign_in_again(string? cookie)
    {
        using var browser = _web.CreateBrowser();
        if (cookie is not null)
        {
            browser.Http.DefaultRequestHeaders.Add("Cookie", $"{PendingChallenge.CookieName}={cookie}");
        }

        using var answered = await browser.PostFormAsync("/account/signin/answer", [new("answer", "123456")]);

        Assert.StartsWith($"/signin?error={SignInErrors.Expired}", answered.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Empty(_web.Cognito.CallsTo("RespondToAuthChallenge"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UserNotFoundException")]
    public async Task Forgot_password_answers_the_same_for_an_address_with_or_without_an_account(string? error)
    {
        _web.Cognito.ForgotPasswordError = error;
        using var browser = _web.CreateBrowser();

        using var response = await browser.PostFormAsync("/account/forgot", [new("email", "someone@farm.test")]);

        Assert.Equal("/signin/reset?sent=1&email=someone%40farm.test", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_throttled_forgot_password_says_so()
    {
        _web.Cognito.ForgotPasswordError = "LimitExceededException";
        using var browser = _web.CreateBrowser();

        using var response = await browser.PostFormAsync("/account/forgot", [new("email", "someone@farm.test")]);

        Assert.Equal($"/signin/forgot?error={SignInErrors.LockedOut}", response.Headers.Location?.OriginalString);
    }

    public async ValueTask DisposeAsync() => await _web.DisposeAsync();

    private static Task<HttpResponseMessage> SignInAsync(BrowserLikeClient browser, string email, string returnUrl = "/") =>
        browser.PostFormAsync("/account/signin", [new("email", email), new("password", "Temporary-Pass-1"), new("returnUrl", returnUrl)]);
}
