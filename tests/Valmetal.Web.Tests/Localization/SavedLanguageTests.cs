using System.Net;
using Valmetal.Web.Localization;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Localization;

/// <summary>The language a user saved wins at sign-in; the header's switch saves a signed-in user's choice.</summary>
public sealed class SavedLanguageTests
{
    private static readonly KeyValuePair<string, string>[] SignIn =
        [new("email", "farmer@farm.test"), new("password", "Farmer-Password-1"), new("returnUrl", "/")];

    [Fact]
    public async Task Signing_in_takes_the_language_the_user_saved_and_the_pages_follow_it()
    {
        await using var web = new WebAppFactory();
        web.Api.SavedLanguage = Languages.French;
        using var browser = web.CreateBrowser();

        using var signedIn = await browser.PostFormAsync("/account/signin", SignIn);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.StartsWith("valmetal.language=c%3Dfr-CA%7Cuic%3Dfr-CA", LanguageCookie(signedIn), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr-CA\">", await browser.Http.GetStringAsync(new Uri("/signin", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_never_chose_keeps_the_browser_s_language()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR");

        using var signedIn = await browser.PostFormAsync("/account/signin", SignIn);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Null(LanguageCookie(signedIn));
        Assert.Contains("<html lang=\"fr-CA\">", await browser.Http.GetStringAsync(new Uri("/signin", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_saves_a_signed_in_user_s_choice_and_only_remembers_an_anonymous_one()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();

        using var anonymous = await browser.PostFormAsync(LanguageEndpoint.Path, [new("language", Languages.French), new("returnUrl", "/signin")]);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.NotNull(LanguageCookie(anonymous));
        Assert.Empty(web.Api.CallsTo(HttpMethod.Put, "/api/me/language"));

        await browser.SignInAsync();
        using var signedIn = await browser.PostFormAsync(LanguageEndpoint.Path, [new("language", Languages.English), new("returnUrl", "/")]);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var saved = Assert.Single(web.Api.CallsTo(HttpMethod.Put, "/api/me/language"));
        Assert.StartsWith("Bearer ey", saved.Authorization, StringComparison.Ordinal);
        Assert.Equal(Languages.English, web.Api.SavedLanguage);
    }

    private static string? LanguageCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.SingleOrDefault(c => c.StartsWith(Languages.CookieName + "=", StringComparison.Ordinal))
            : null;
}
