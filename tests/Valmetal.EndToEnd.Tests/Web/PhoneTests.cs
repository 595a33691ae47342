namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>The Client app on a phone held in one hand: one column, and nothing to tap smaller than 44 px.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PhoneTests(PlatformFixture platform, SharedBrowser browser)
{
    private const int MinTouchTarget = 44;

    // Controls a thumb aims at; links inside sentences are exempt, as WCAG 2.5.8 allows.
    private const string Targets = "button:visible, select:visible, input:not([type=hidden]):not([type=checkbox]):visible, nav a:visible, .equipment-card header a:visible, .chip:visible";

    [Fact]
    public async Task On_a_phone_the_fleet_is_one_column_with_large_touch_targets()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerBeauregard, WebSession.Phone);
        var fleet = new FleetPage(session.Page);
        await fleet.WaitUntilLiveAsync();

        var lefts = await fleet.EquipmentCards.EvaluateAllAsync<double[]>("cards => cards.map(c => c.getBoundingClientRect().left)");
        Assert.Single(lefts.Distinct());
        Assert.Equal(390, await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await AssertTouchTargetsAsync(session.Page, "fleet");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the fleet on a phone");
        await Browsers.SaveScreenshotAsync(session.Page, "phone-fleet");

        await fleet.OpenEquipmentAsync(Fleet.Equipment[0].Thing);
        var equipment = new EquipmentPage(session.Page);
        await equipment.WaitUntilInteractiveAsync();
        await Expect(equipment.Chart).ToHaveAttributeAsync("data-rendered-range", "15 min");
        await AssertTouchTargetsAsync(session.Page, "equipment");
        await Browsers.SaveScreenshotAsync(session.Page, "phone-equipment");

        var maintenance = new MaintenancePage(session.Page);
        await maintenance.OpenAsync(session.WebUrl);
        await maintenance.WaitUntilInteractiveAsync();
        await AssertTouchTargetsAsync(session.Page, "maintenance");
        await Browsers.SaveScreenshotAsync(session.Page, "phone-maintenance");
    }

    /// <summary>
    /// Measures once the page and the alarm badge are interactive: each interactive island replaces its prerendered
    /// markup when the circuit starts, and a target found before that measures 0×0 once it has been replaced.
    /// </summary>
    private static async Task AssertTouchTargetsAsync(IPage page, string what)
    {
        await new AlarmsPage(page).WaitUntilBadgeIsLiveAsync();
        var small = await page.Locator(Targets).EvaluateAllAsync<string[]>($$"""
            elements => elements
              .map(e => ({ e, r: e.getBoundingClientRect() }))
              .filter(x => x.r.height < {{MinTouchTarget}} || x.r.width < {{MinTouchTarget}})
              .map(x => `${x.e.tagName.toLowerCase()} "${(x.e.textContent || x.e.getAttribute("aria-label") || x.e.name || "").trim().slice(0, 30)}" ${Math.round(x.r.width)}x${Math.round(x.r.height)}`)
            """);
        Assert.True(small.Length == 0, $"Touch targets under {MinTouchTarget} px on the {what} page:\n{string.Join('\n', small)}");
    }
}
