using System.Net;
using Valmetal.EndToEnd.Tests.Web;

namespace Valmetal.EndToEnd.Tests.Api;

[Collection(PlatformCollection.Name)]
public sealed class ApiSecurityHeadersTests(PlatformFixture platform, SharedBrowser browser)
{
    [Theory]
    [InlineData(true, "api/farms", HttpStatusCode.OK)]
    [InlineData(false, "api/farms", HttpStatusCode.Unauthorized)]
    [InlineData(true, "api/equipment/NO-SUCH-UNIT", HttpStatusCode.NotFound)]
    [InlineData(false, "openapi/v1.json", HttpStatusCode.OK)]
    public async Task Api_responses_are_never_sniffed_rendered_or_framed(bool signedIn, string url, HttpStatusCode status)
    {
        using var api = await platform.CreateApiClientAsync(signedIn ? DemoUsers.FarmerBeauregard : null);

        using var response = await api.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_page_works_under_its_own_policy()
    {
        await using var context = await browser.NewContextAsync();
        var violations = PolicyViolations.Watch(context);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(new Uri(platform.ApiUrl, "scalar").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Contains("frame-ancestors 'none'", await response.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await Expect(page.GetByText("Farms").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        violations.AssertNone();
    }
}
