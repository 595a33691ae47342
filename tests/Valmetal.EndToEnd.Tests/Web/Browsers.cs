using Valmetal.AppHost.LocalStack;

namespace Valmetal.EndToEnd.Tests.Web;

public static class Browsers
{
    /// <summary>Debian's Chromium; Playwright's own browser download cannot run on these machines.</summary>
    public static readonly BrowserTypeLaunchOptions DebianChromium = new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    };

    /// <summary>Screenshots land in artifacts/screenshots at the repository root for QA to look at.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public static string RepositoryRoot() => RepositoryLocator.Above(AppContext.BaseDirectory) ?? AppContext.BaseDirectory;
}
