using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>The Client app as an installable PWA: install criteria, service worker, and the barn without coverage.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PwaTests(PlatformFixture platform, SharedBrowser browser)
{
    [Fact]
    public async Task The_client_app_meets_the_install_criteria()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerBeauregard, WebSession.Phone);
        var page = session.Page;

        var manifestUrl = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var manifest = await page.EvaluateAsync<JsonElement>("async url => { const r = await fetch(url); return { type: r.headers.get('content-type'), body: await r.json() }; }", manifestUrl);
        Assert.Contains("manifest+json", manifest.GetProperty("type").GetString(), StringComparison.Ordinal);
        var body = manifest.GetProperty("body");
        Assert.Equal("Valmetal Connect", body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("short_name").GetString()));
        Assert.Equal("standalone", body.GetProperty("display").GetString());
        Assert.StartsWith("/", body.GetProperty("start_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(await page.Locator("meta[name=theme-color]").GetAttributeAsync("content"), body.GetProperty("theme_color").GetString());
        var icons = body.GetProperty("icons").EnumerateArray().ToList();
        foreach (var size in new[] { 192, 512 })
        {
            var icon = icons.First(i => i.GetProperty("sizes").GetString() == $"{size}x{size}");
            var (width, height) = await NaturalSizeAsync(page, icon.GetProperty("src").GetString()!);
            Assert.Equal((size, size), (width, height));
        }

        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable");
        await ServiceWorker.ControlsAsync(page);
    }

    [Fact]
    public async Task Offline_the_phone_shows_the_last_fleet_and_when_it_was_taken()
    {
        var farmer = DemoUsers.FarmerBeauregard;
        var own = Fleet.Equipment.Where(e => farmer.FarmIds.Contains(e.FarmId)).ToList();
        // Other tests may register units on this farm: the API says how many the farmer has now.
        using var api = await platform.CreateApiClientAsync(farmer);
        var total = (await api.GetFromJsonAsync<JsonElement>("api/equipment?pageSize=200")).GetProperty("total").GetInt32();
        await using var session = await WebSession.SignInAsync(platform, browser, farmer, WebSession.Phone);
        var page = session.Page;
        await ServiceWorker.ControlsAsync(page);
        await page.ReloadAsync();
        await Eventually.GetAsync(async () => await page.EvaluateAsync<bool>(
            "async () => !!(await (await caches.open('valmetal-fleet')).match('/fleet/snapshot.json'))") ? "cached" : null,
            TimeSpan.FromSeconds(20), "the fleet snapshot in the service worker's cache");

        await session.Context.SetOfflineAsync(true);
        // The emulation reaches the page's own target asynchronously: a reload before it has would still be online.
        await page.WaitForFunctionAsync("() => !navigator.onLine");
        var response = await page.ReloadAsync();

        Assert.True(response?.FromServiceWorker, "the offline page should come from the service worker");
        var offline = new OfflinePage(page);
        await Expect(offline.Banner).ToHaveTextAsync(new Regex(@"^offline, data from \d\d:\d\d$"));
        await Expect(offline.Units).ToHaveCountAsync(total);
        await Expect(offline.Unit(own[0].Thing)).ToContainTextAsync(own[0].Thing);
        await Expect(offline.Unit(own[0].Thing)).ToContainTextAsync(new Regex(@"Motor current\s*[\d.]+ A"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the offline fleet");
        await Browsers.SaveScreenshotAsync(page, "phone-offline-fleet");

        await session.Context.SetOfflineAsync(false);
        await page.GotoAsync(session.WebUrl.ToString());
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(1);
        await Expect(offline.Banner).ToBeHiddenAsync();
    }

    private static async Task<(int Width, int Height)> NaturalSizeAsync(IPage page, string src)
    {
        var size = await page.EvaluateAsync<int[]>("""
            src => new Promise((resolve, reject) => {
              const image = new Image();
              image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
              image.onerror = reject;
              image.src = src;
            })
            """, src);
        return (size[0], size[1]);
    }
}
