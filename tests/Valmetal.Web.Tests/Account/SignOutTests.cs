using System.Net;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Account;

public sealed class SignOutTests
{
    [Fact]
    public async Task Sign_out_revokes_the_refresh_token_at_cognito_and_ends_the_session()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();
        var issued = web.Cognito.CallsTo("InitiateAuth").Count();

        using var response = await browser.PostFormAsync("/account/signout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?signedOut=1", response.Headers.Location?.OriginalString);
        var revoke = Assert.Single(web.Cognito.CallsTo("RevokeToken"));
        Assert.Equal("application/x-amz-json-1.1", revoke.ContentType);
        Assert.False(revoke.HasCredentials, "RevokeToken is a public call: no credentials go with it");
        Assert.Equal(CannedCognito.ClientId, revoke.Body["ClientId"]?.GetValue<string>());
        Assert.Equal("refresh-" + issued, revoke.Body["Token"]?.GetValue<string>());
        Assert.Equal(2, revoke.Body.Count);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();

        using var response = await browser.PostFormAsync("/account/signout", [], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(web.Cognito.CallsTo("RevokeToken"));
        using var snapshot = await browser.Http.GetAsync(new Uri("/fleet/snapshot.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }

    [Fact]
    public async Task Sign_out_with_another_users_token_is_refused()
    {
        await using var web = new WebAppFactory();
        using var victim = web.CreateBrowser();
        using var attacker = web.CreateBrowser();
        await victim.SignInAsync("victim@farm.test");
        await attacker.SignInAsync("attacker@farm.test");
        var attackersToken = await attacker.AntiforgeryTokenAsync();

        using var response = await victim.PostFormAsync("/account/signout", [new("__RequestVerificationToken", attackersToken)], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(web.Cognito.CallsTo("RevokeToken"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "NotAuthorizedException")]
    [InlineData(HttpStatusCode.BadRequest, "UnsupportedTokenTypeException")]
    public async Task A_refused_revocation_still_ends_the_session(HttpStatusCode status, string type)
    {
        await using var web = new WebAppFactory();
        web.Cognito.RevokeRefusal = (status, type);
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();

        using var response = await browser.PostFormAsync("/account/signout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(web.Cognito.CallsTo("RevokeToken"));
        await AssertSignedOutAsync(browser);
    }

    private static async Task AssertSignedOutAsync(BrowserLikeClient browser)
    {
        using var snapshot = await browser.Http.GetAsync(new Uri("/fleet/snapshot.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, snapshot.StatusCode);
        Assert.StartsWith("https://localhost/signin", snapshot.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
