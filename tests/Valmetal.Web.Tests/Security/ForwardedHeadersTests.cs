using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Security;

/// <summary>
/// Behind the ALB, TLS ends at the load balancer and the app is reached over plain HTTP from inside the VPC: it learns
/// the browser's scheme and address from forwarded headers, believed only from the configured networks.
/// </summary>
public sealed partial class ForwardedHeadersTests
{
    private const string Vpc = "10.0.0.0/16";
    private const string LoadBalancer = "10.0.1.5";
    private static readonly Uri PlainHttpToTheTask = new("http://connect.valmetal.test");

    [Fact]
    public async Task Through_a_trusted_proxy_https_gives_secure_cookies_hsts_and_https_redirects()
    {
        await using var web = Behind(Vpc);
        using var http = Client(web, peer: LoadBalancer, forwardedProto: "https");

        using var page = await http.GetAsync(new Uri("/signin", UriKind.Relative));
        using var signedIn = await SignInAsync(http, page);
        using var redirected = await http.GetAsync(new Uri("/fleet/snapshot.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertSecure(Cookie(signedIn, "valmetal.session"));
        AssertSecure(Cookie(page, ".AspNetCore.Antiforgery."));
        var hsts = Assert.Single(page.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal("max-age=15552000", hsts);
        Assert.StartsWith("https://connect.valmetal.test/signin", redirected.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_headers_from_an_untrusted_address_are_ignored()
    {
        await using var web = Behind(Vpc);
        using var http = Client(web, peer: "198.51.100.9", forwardedProto: "https");

        using var page = await http.GetAsync(new Uri("/signin", UriKind.Relative));
        using var redirected = await http.GetAsync(new Uri("/fleet/snapshot.json", UriKind.Relative));

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("http://connect.valmetal.test/signin", redirected.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configured_networks_only_loopback_is_trusted()
    {
        await using var web = Behind(network: null);
        using var fromVpc = Client(web, peer: LoadBalancer, forwardedProto: "https");
        using var fromLoopback = Client(web, peer: "127.0.0.1", forwardedProto: "https");

        using var ignored = await fromVpc.GetAsync(new Uri("/signin", UriKind.Relative));
        using var applied = await fromLoopback.GetAsync(new Uri("/signin", UriKind.Relative));

        Assert.False(ignored.Headers.Contains("Strict-Transport-Security"));
        Assert.True(applied.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_sign_in_limit_per_address_counts_the_forwarded_client_behind_a_trusted_proxy()
    {
        await using var web = Behind(Vpc);
        web.Settings["RateLimits:SignIn:PerAddressPermits"] = "2";
        using var first = ProxiedBrowser(web, LoadBalancer, client: "203.0.113.7");
        using var second = ProxiedBrowser(web, LoadBalancer, client: "203.0.113.8");
        await first.SignInAsync("one@farm.test");
        await first.SignInAsync("two@farm.test");

        // Another client behind the same load balancer has its own allowance; the first has spent its own.
        await second.SignInAsync("three@farm.test");
        using var refused = await first.PostFormAsync("/account/signin", [new("email", "four@farm.test"), new("password", "Farmer-Password-1"), new("returnUrl", "/")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_limit_per_address_ignores_forwarded_clients_claimed_by_an_untrusted_peer()
    {
        await using var web = Behind(Vpc);
        web.Settings["RateLimits:SignIn:PerAddressPermits"] = "2";
        using var first = ProxiedBrowser(web, "198.51.100.9", client: "203.0.113.7");
        using var second = ProxiedBrowser(web, "198.51.100.9", client: "203.0.113.8");
        await first.SignInAsync("one@farm.test");
        await first.SignInAsync("two@farm.test");

        using var refused = await second.PostFormAsync("/account/signin", [new("email", "three@farm.test"), new("password", "Farmer-Password-1"), new("returnUrl", "/")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("not-a-network")]
    public async Task A_known_network_that_is_not_a_cidr_stops_the_app_at_start(string network)
    {
        await using var web = Behind(network);

        var error = Assert.IsType<OptionsValidationException>(web.StartFailure());

        Assert.Contains("ForwardedHeaders:KnownNetworks", string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    /// <summary>The web app as deployed: Production, trusting <paramref name="network"/> as the VPC.</summary>
    private static WebAppFactory Behind(string? network)
    {
        var web = new WebAppFactory { Environment = "Production" };
        if (network is not null)
        {
            web.Settings["ForwardedHeaders:KnownNetworks:0"] = network;
        }

        web.Settings["RateLimits:SignIn:PerAccountPermits"] = "100";
        return web;
    }

    /// <summary>Plain HTTP to the task, as the ALB connects; no cookie jar, since it would keep Secure cookies off HTTP.</summary>
    private static HttpClient Client(WebAppFactory web, string peer, string forwardedProto)
    {
        var http = web.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = PlainHttpToTheTask });
        http.DefaultRequestHeaders.Add(PeerAddressFilter.Header, peer);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return http;
    }

    /// <summary>A browser at <paramref name="client"/> whose requests reach the app from <paramref name="peer"/>.</summary>
    private static BrowserLikeClient ProxiedBrowser(WebAppFactory web, string peer, string client)
    {
        var browser = web.CreateBrowser(new Uri("https://connect.valmetal.test"));
        browser.Http.DefaultRequestHeaders.Add(PeerAddressFilter.Header, peer);
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return browser;
    }

    /// <summary>Posts the sign-in form rendered in <paramref name="page"/>, returning its antiforgery cookie by hand.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(
            [
                new("email", "farmer@farm.test"), new("password", "Farmer-Password-1"), new("returnUrl", "/"),
                new("__RequestVerificationToken", token),
            ]),
        };
        request.Headers.Add("Cookie", Cookie(page, ".AspNetCore.Antiforgery.").Split(';')[0]);
        return await http.SendAsync(request);
    }

    private static string Cookie(HttpResponseMessage response, string namePrefix) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(namePrefix, StringComparison.Ordinal));

    private static void AssertSecure(string setCookie) =>
        Assert.Contains("secure", setCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()));

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex TokenInput();
}
