namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// A browser context of its own, signed in as one demo user, on a desktop or a phone-sized viewport. Whatever the
/// pages' Content Security Policy blocked fails the test when the session ends: a blocked script or style is a broken page.
/// </summary>
public sealed class WebSession : IAsyncDisposable
{
    public static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1366, Height = 900 } };

    /// <summary>A phone held in one hand (the size of an iPhone 12-15), with touch.</summary>
    public static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
    };

    private readonly PolicyViolations _violations;

    private WebSession(IBrowserContext context, IPage page, Uri webUrl, DemoUser user, PolicyViolations violations)
    {
        (Context, Page, WebUrl, User, _violations) = (context, page, webUrl, user, violations);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri WebUrl { get; }

    public DemoUser User { get; }

    /// <summary>Signs in with a browser that asks for <paramref name="wording"/>'s language (English unless given).</summary>
    public static async Task<WebSession> SignInAsync(PlatformFixture platform, SharedBrowser browser, DemoUser user, BrowserNewContextOptions? options = null, Wording? wording = null)
    {
        var words = wording ?? Wording.English;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions(options ?? Desktop) { Locale = words.BrowserLocale });
        var violations = PolicyViolations.Watch(context);
        var page = await context.NewPageAsync();
        await new SignInPage(page, platform.WebUrl, words).SignInAsync(user);
        return new WebSession(context, page, platform.WebUrl, user, violations);
    }

    public async Task GoToAsync(string relative) => await Page.GotoAsync(new Uri(WebUrl, relative).ToString());

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _violations.AssertNone();
    }
}
