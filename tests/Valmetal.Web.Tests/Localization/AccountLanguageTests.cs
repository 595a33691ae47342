using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Localization;

/// <summary>The sign-in pages, the refusals around them and the API's words come in the language the user reads.</summary>
public sealed class AccountLanguageTests
{
    [Fact]
    public async Task The_sign_in_page_speaks_the_browsers_language_and_english_by_default()
    {
        await using var web = new WebAppFactory();
        using var english = web.CreateBrowser();
        using var french = web.CreateBrowser();
        french.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-CA"));

        var inEnglish = WebUtility.HtmlDecode(await english.Http.GetStringAsync(new Uri("/signin", UriKind.Relative)));
        var inFrench = WebUtility.HtmlDecode(await french.Http.GetStringAsync(new Uri("/signin", UriKind.Relative)));

        Assert.Contains("Sign in to see your equipment.", inEnglish, StringComparison.Ordinal);
        Assert.Contains("Valmetal <strong>Connect</strong>", inEnglish, StringComparison.Ordinal);
        Assert.Contains("Connectez-vous pour voir vos équipements.", inFrench, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr-CA\">", inFrench, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_refused_in_the_users_language()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-CA"));

        await browser.SignInAsync();

        // An endpoint that binds no form: the refusal is the app's own, not the form binder's.
        using var response = await browser.Http.PostAsJsonAsync(new Uri("/account/push-subscription", UriKind.Relative), new { endpoint = "https://push.invalid/1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Un jeton de sécurité valide est requis.", problem["title"]!.GetValue<string>());
    }
}
