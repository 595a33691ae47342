using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valmetal.Web.Notifications;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Notifications;

/// <summary>
/// A browser's push subscription goes to the API as the signed-in user through the web app, which remembers it for the
/// session: sign-out removes it from the API, and a new sign-in does not keep the previous session's.
/// </summary>
public sealed partial class PushSubscriptionRelayTests
{
    private const string Endpoint = "https://push.invalid/subscription/1?a=b&c=d";

    private static readonly object Subscription = new
    {
        endpoint = Endpoint,
        keys = new { p256dh = "BPaM4Ldm2DTULbJ0M5d4aYxTdeV4xbQeMT41o6PLKcZ9", auth = "cUy0bIpcGzWDS_U9Xnh5tw" },
    };

    [Fact]
    public async Task A_posted_subscription_is_registered_as_the_user_and_removed_at_sign_out_with_the_user_s_token()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();

        using var posted = await PostAsync(browser, await browser.AntiforgeryTokenAsync());

        Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        var put = Assert.Single(web.Api.CallsTo(HttpMethod.Put, "/api/me/notifications/push"));
        Assert.StartsWith("Bearer ey", put.Authorization, StringComparison.Ordinal);
        var body = JsonNode.Parse(put.Body)!;
        Assert.Equal(Endpoint, body["endpoint"]!.GetValue<string>());
        Assert.Equal("cUy0bIpcGzWDS_U9Xnh5tw", body["keys"]!["auth"]!.GetValue<string>());
        var cookie = SetCookie(posted, PushSubscriptionCookie.Name)!;
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Equal("registered", await PushMetaAsync(browser));

        var revokedBefore = web.Cognito.CallsTo("RevokeToken").Count();
        using var signedOut = await browser.PostFormAsync("/account/signout", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var delete = Assert.Single(web.Api.CallsTo(HttpMethod.Delete, "/api/me/notifications/push"));
        Assert.Equal("/api/me/notifications/push?endpoint=" + Uri.EscapeDataString(Endpoint), delete.PathAndQuery);
        Assert.Equal(put.Authorization, delete.Authorization);
        Assert.Equal(revokedBefore + 1, web.Cognito.CallsTo("RevokeToken").Count());
        Assert.Contains("expires=thu, 01 jan 1970", SetCookie(signedOut, PushSubscriptionCookie.Name)!.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_posted_without_the_antiforgery_token_is_refused_and_not_registered()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();

        using var posted = await PostAsync(browser, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Empty(web.Api.CallsTo(HttpMethod.Put, "/api/me/notifications/push"));
        Assert.Null(SetCookie(posted, PushSubscriptionCookie.Name));
    }

    [Fact]
    public async Task A_new_sign_in_drops_the_previous_session_s_subscription_so_the_page_hands_it_on_or_cancels_it()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync("first@farm.test");
        using var posted = await PostAsync(browser, await browser.AntiforgeryTokenAsync());
        Assert.Equal("registered", await PushMetaAsync(browser));

        await browser.SignInAsync("second@farm.test");

        Assert.Equal(string.Empty, await PushMetaAsync(browser));
        Assert.Empty(web.Api.CallsTo(HttpMethod.Delete, "/api/me/notifications/push"));
    }

    /// <summary>As js/push.js posts it: JSON, with the page's antiforgery token in the header ASP.NET Core reads for scripts.</summary>
    private static async Task<HttpResponseMessage> PostAsync(BrowserLikeClient browser, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(PushSubscriptionEndpoint.Path, UriKind.Relative))
        {
            Content = JsonContent.Create(Subscription),
        };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await browser.Http.SendAsync(request);
    }

    private static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    private static async Task<string> PushMetaAsync(BrowserLikeClient browser)
    {
        var html = await browser.Http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        return PushMeta().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("no push meta tag");
    }

    [GeneratedRegex(@"<meta name=""valmetal-push"" content=""([^""]*)""")]
    private static partial Regex PushMeta();
}
