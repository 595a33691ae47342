using System.Globalization;
using System.Net;
using Valmetal.AppHost.Gateway;
using Valmetal.EndToEnd.Tests.Web;

namespace Valmetal.EndToEnd.Tests.Gateway;

/// <summary>
/// The local load balancer behaves as the ALB the deployment puts in front of the web app: TLS from a CA the client
/// trusts, HTTP redirected to HTTPS, the scheme forwarded so cookies are Secure and HSTS is sent, and a session that
/// any replica accepts (one key ring), whichever one signed the browser in.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LoadBalancerTests(PlatformFixture platform, SharedBrowser browser)
{
    private static readonly TimeSpan ReplicaSwitch = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Plain_http_is_redirected_to_the_same_path_over_https()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{platform.WebRedirectPort}/fleet?farm=2")));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri(platform.WebUrl, "fleet?farm=2"), response.Headers.Location);
    }

    [Fact]
    public async Task Through_the_gateway_the_session_cookie_is_secure_and_hsts_is_sent_to_the_site()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page, platform.WebUrl).SignInAsync(DemoUsers.FarmerBeauregard);
        using var http = platform.CreateGatewayClient(platform.WebUrl);
        using var toSite = new HttpRequestMessage(HttpMethod.Get, "signin");
        toSite.Headers.Host = string.Create(CultureInfo.InvariantCulture, $"{GatewayExtensions.SiteName}:{platform.WebPort}");

        var cookies = await context.CookiesAsync();
        using var site = await http.SendAsync(toSite);
        using var localhost = await http.GetAsync(new Uri("signin", UriKind.Relative));

        var session = Assert.Single(cookies, c => c.Name == "valmetal.session");
        Assert.True(session.Secure, "the session cookie holds a refresh token and must never travel over plain HTTP");
        Assert.True(session.HttpOnly);
        Assert.Contains(cookies, c => c.Name == "AWSALB");
        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.Equal("max-age=15552000", Assert.Single(site.Headers.GetValues("Strict-Transport-Security")));
        // Never to localhost itself: a developer's browser would refuse plain HTTP to every local port for months.
        Assert.False(localhost.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_signed_in_browser_keeps_its_session_on_either_web_replica()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await new SignInPage(page, platform.WebUrl).SignInAsync(DemoUsers.FarmerErables);
        try
        {
            // With one replica stopped, every request lands on the other: each must accept the session.
            foreach (var (stopped, serving) in new[] { ("web-1", "web-2"), ("web-2", "web-1") })
            {
                // The page's Blazor circuit holds a WebSocket open on its replica, which a graceful stop would wait for.
                await page.GotoAsync("about:blank");
                await platform.StopAsync(stopped);
                await platform.App.ResourceNotifications.WaitForResourceAsync(stopped, e => e.Snapshot.State?.Text is "Exited" or "Finished")
                    .WaitAsync(ReplicaSwitch);

                var status = await Eventually.PollAsync(() => LoadAsync(page, "alarms"), status => status == 200, ReplicaSwitch);

                Assert.True(status == 200, $"{serving} answered {status} while {stopped} was stopped");
                // Not sent back to the sign-in page (whose query would say why): the other replica read the session cookie.
                Assert.Equal("/alarms", new Uri(page.Url).PathAndQuery);
                await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(DemoUsers.FarmerErables.Email);
                await platform.StartAsync(stopped);
                await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(stopped).WaitAsync(ReplicaSwitch);
            }
        }
        finally
        {
            // Later tests expect both replicas; a failed step above may have left one stopped.
            foreach (var replica in PlatformFixture.WebReplicas)
            {
                if (platform.App.ResourceNotifications.TryGetCurrentState(replica, out var state) && state.Snapshot.State?.Text is "Exited" or "Finished")
                {
                    await platform.StartAsync(replica);
                }
            }
        }
    }

    /// <summary>
    /// The page's status; 502 while the gateway still sends a request to the stopped replica (until its health checks
    /// take it out of the rotation), which Chromium reports as a failed navigation rather than a response: either as the
    /// error itself or, when its error page commits first, as a navigation interrupted by that page.
    /// </summary>
    private async Task<int?> LoadAsync(IPage page, string path)
    {
        try
        {
            return (await page.GotoAsync(new Uri(platform.WebUrl, path).ToString()))?.Status;
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("ERR_HTTP_RESPONSE_CODE_FAILURE", StringComparison.Ordinal)
            || ex.Message.Contains("interrupted by another navigation to \"chrome-error://chromewebdata/\"", StringComparison.Ordinal))
        {
            return 502;
        }
    }
}
