using System.Globalization;
using System.Text.RegularExpressions;
using Valmetal.Web.Pwa;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Pwa;

/// <summary>What the service worker needs to keep the offline fleet for one session only.</summary>
public sealed partial class OfflineOwnerTests
{
    [Fact]
    public async Task The_snapshot_names_its_owner_and_when_the_session_ends_at_the_latest()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync("owner@farm.test");

        using var response = await browser.Http.GetAsync(new Uri(FleetSnapshotEndpoint.Path, UriKind.Relative));

        response.EnsureSuccessStatusCode();
        var owner = Assert.Single(response.Headers.GetValues(FleetSnapshotEndpoint.OwnerHeader));
        Assert.Matches("^[0-9a-f]{32}$", owner);
        Assert.Equal(owner, await PageOwnerAsync(browser));
        var expires = DateTimeOffset.Parse(Assert.Single(response.Headers.GetValues(FleetSnapshotEndpoint.SessionExpiresHeader)), CultureInfo.InvariantCulture);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddHours(11), DateTimeOffset.UtcNow.AddHours(13));
    }

    [Fact]
    public async Task Pages_name_each_user_differently_and_no_one_when_signed_out()
    {
        await using var web = new WebAppFactory();
        using var first = web.CreateBrowser();
        using var second = web.CreateBrowser();
        Assert.Equal(string.Empty, await PageOwnerAsync(first));

        await first.SignInAsync("first@farm.test");
        await second.SignInAsync("second@farm.test");

        var owner = await PageOwnerAsync(first);
        Assert.NotEqual(string.Empty, owner);
        Assert.NotEqual(owner, await PageOwnerAsync(second));
        Assert.DoesNotContain("first@farm.test", owner, StringComparison.Ordinal);
        using var signedOut = await first.PostFormAsync("/account/signout", []);
        Assert.Equal(string.Empty, await PageOwnerAsync(first));
    }

    private static async Task<string> PageOwnerAsync(BrowserLikeClient browser)
    {
        var html = await browser.Http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        return SessionMeta().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("no session meta tag");
    }

    [GeneratedRegex(@"<meta name=""valmetal-session"" content=""([^""]*)""")]
    private static partial Regex SessionMeta();
}
