using System.Text.RegularExpressions;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// The fleet the service worker keeps for offline use belongs to one signed-in user and goes when that session ends,
/// however it ends, so a shared phone never shows one farmer's equipment to the next person.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OfflineFleetSessionTests(PlatformFixture platform, SharedBrowser browser)
{
    private static readonly DemoUser Farmer = DemoUsers.FarmerBeauregard;

    private static string OwnUnit => Fleet.Equipment.First(e => Farmer.FarmIds.Contains(e.FarmId) && !DemoUsers.FarmerErables.FarmIds.Contains(e.FarmId)).Thing;

    [Fact]
    public async Task Signing_out_removes_the_offline_fleet()
    {
        await using var session = await SignedInWithOfflineFleetAsync();
        var page = session.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin?signedOut=1");

        await AssertNoOfflineFleetAsync(session);
    }

    [Fact]
    public async Task A_session_that_ended_without_sign_out_removes_the_offline_fleet_on_the_next_page()
    {
        await using var session = await SignedInWithOfflineFleetAsync();

        // What an expired or refused session looks like to the browser: the next request goes to the sign-in page.
        await session.Context.ClearCookiesAsync(new() { Name = "valmetal.session" });
        await session.GoToAsync("maintenance");
        await session.Page.WaitForURLAsync("**/signin?**");

        await AssertNoOfflineFleetAsync(session);
    }

    [Fact]
    public async Task A_snapshot_request_sent_to_sign_in_removes_the_offline_fleet()
    {
        await using var session = await SignedInWithOfflineFleetAsync();
        await session.Context.ClearCookiesAsync(new() { Name = "valmetal.session" });

        // No navigation: the page's own refresh of the snapshot is what meets the ended session.
        var landed = await session.Page.EvaluateAsync<string>("async () => (await fetch('/fleet/snapshot.json', { credentials: 'same-origin' })).url");

        Assert.Contains("/signin", landed, StringComparison.Ordinal);
        await AssertNoOfflineFleetAsync(session);
    }

    [Fact]
    public async Task Another_user_signing_in_on_the_same_device_never_sees_the_first_users_offline_fleet()
    {
        await using var session = await SignedInWithOfflineFleetAsync();

        await new SignInPage(session.Page, session.WebUrl).SignInAsync(DemoUsers.FarmerErables);

        await Eventually.GetAsync(async () => await CachedSnapshotAsync(session.Page) is { } text && text.Contains(OwnUnit, StringComparison.Ordinal) ? null : "gone",
            TimeSpan.FromSeconds(20), $"{Farmer.Email}'s fleet to leave the offline cache");
        await session.Context.SetOfflineAsync(true);
        await session.Page.ReloadAsync();
        var offline = new OfflinePage(session.Page);
        await Expect(offline.Banner).ToHaveTextAsync(new Regex("^offline"));
        await Expect(offline.Unit(OwnUnit)).ToHaveCountAsync(0);
    }

    private async Task<WebSession> SignedInWithOfflineFleetAsync()
    {
        var session = await WebSession.SignInAsync(platform, browser, Farmer, WebSession.Phone);
        await ServiceWorker.ActiveAsync(session.Page);
        await session.Page.ReloadAsync();
        await Eventually.GetAsync(async () => await CachedSnapshotAsync(session.Page) is { } text && text.Contains(OwnUnit, StringComparison.Ordinal) ? "cached" : null,
            TimeSpan.FromSeconds(20), "the fleet snapshot in the service worker's cache");
        return session;
    }

    private static async Task AssertNoOfflineFleetAsync(WebSession session)
    {
        await Eventually.GetAsync(async () => await CachedSnapshotAsync(session.Page) is null ? "gone" : null,
            TimeSpan.FromSeconds(20), "the offline fleet to leave the cache");
        await session.Context.SetOfflineAsync(true);
        await session.GoToAsync("");
        var offline = new OfflinePage(session.Page);
        await Expect(offline.Banner).ToHaveTextAsync("offline, no saved data");
        await Expect(offline.Units).ToHaveCountAsync(0);
    }

    private static Task<string?> CachedSnapshotAsync(IPage page) =>
        page.EvaluateAsync<string?>("""
            async () => {
              const cached = await caches.match("/fleet/snapshot.json", { cacheName: "valmetal-fleet" });
              return cached ? await cached.text() : null;
            }
            """);
}
