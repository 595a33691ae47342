using System.Net.Http.Json;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// Every page fits the narrowest phones in use (360 px, most Android phones) without scrolling sideways, for each
/// role: a page wider than the screen hides its right edge from a farmer who does not think to scroll.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NarrowScreenTests(PlatformFixture platform, SharedBrowser browser)
{
    private const int ScreenWidth = 360;

    private static readonly BrowserNewContextOptions Narrow = new()
    {
        ViewportSize = new() { Width = ScreenWidth, Height = 740 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
    };

    private static readonly string[] ClientRoutes = ["", "alarms", "alarms?state=all", "maintenance", "account/security", "account/notifications"];

    private static readonly string[] AdminRoutes =
    [
        "admin", "admin/models", $"admin/models/{Fleet.Equipment[0].ModelCode}", "admin/equipment/new", "admin/health",
        "admin/rejections", "admin/users", "admin/notifications", $"admin/farms/{Fleet.Farms[0].Id}/escalation",
    ];

    public static TheoryData<string> Roles => new(DemoUsers.Admin.Group, DemoUsers.Technician.Group, DemoUsers.FarmerBeauregard.Group);

    [Fact]
    public async Task Pages_before_sign_in_fit_a_360_px_screen()
    {
        await using var context = await browser.NewContextAsync(Narrow);
        var page = await context.NewPageAsync();
        var wide = new List<string>();
        foreach (var route in new[] { "signin", "signin/forgot", "access-denied", "not-found" })
        {
            await page.GotoAsync(new Uri(platform.WebUrl, route).ToString());
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            wide.AddRange(await OverflowAsync(page, route));
        }

        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_of_a_role_fits_a_360_px_screen(string group)
    {
        var user = DemoUsers.All.First(u => u.Group == group);
        if (user == DemoUsers.Admin)
        {
            // The longest farm name the API takes, as one word: it lands in headings, tables and the farm filter's list.
            using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
            (await admin.PostAsJsonAsync("api/farms", new { name = "Ferme" + new string('W', 195), address = "1 rang Nord", timeZone = "America/Toronto" }))
                .EnsureSuccessStatusCode();
        }

        var unit = Fleet.Equipment.First(e => user.FarmIds.Count == 0 || user.FarmIds.Contains(e.FarmId)).Thing;
        var routes = ClientRoutes.Append($"equipment/{unit}").Concat(group == DemoUsers.Admin.Group ? AdminRoutes : []);
        await using var session = await WebSession.SignInAsync(platform, browser, user, Narrow);
        var wide = new List<string>();
        foreach (var route in routes)
        {
            await session.GoToAsync(route);
            // Measured once interactive: each island replaces its prerendered markup when the circuit starts.
            await new AlarmsPage(session.Page).WaitUntilBadgeIsLiveAsync();
            wide.AddRange(await OverflowAsync(session.Page, route));
        }

        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    /// <summary>
    /// The page's width if wider than the screen, with the outermost elements that stick out, to say what to fix.
    /// Compared with the screen's width, not <c>innerWidth</c>: a mobile browser widens its layout viewport to a page
    /// wider than the screen (and zooms out), so the two would always agree.
    /// </summary>
    private static async Task<IEnumerable<string>> OverflowAsync(IPage page, string route)
    {
        var found = await page.EvaluateAsync<string[]>("""
            width => {
              const scroll = document.documentElement.scrollWidth;
              if (scroll <= width) return [];
              const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
              const out = [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > width + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 0.5))
                .slice(0, 5).map(e => `${name(e)} to ${Math.round(e.getBoundingClientRect().right)} px`);
              return [`${scroll} px wide: ${out.join(", ")}`];
            }
            """, ScreenWidth);
        return found.Select(f => $"/{route}: {f}");
    }
}
