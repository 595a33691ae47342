using Microsoft.Playwright;
using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.Bench.Web;

/// <summary>What a user waits for, measured in Debian's Chromium with the browser's own clocks.</summary>
public sealed class BrowserMeasurements(IBrowserContext context, Uri webUrl)
{
    public static readonly BrowserTypeLaunchOptions DebianChromium = new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };

    public async Task SignInAsync(DemoUser user)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(webUrl, "signin").ToString());
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("signed-in-user").WaitForAsync();
        await page.CloseAsync();
    }

    /// <summary>First contentful paint of the fleet overview, in a fresh tab each time (the session cookie kept).</summary>
    public async Task<List<double>> FleetFirstPaintAsync(int runs, int expectedCards)
    {
        var paints = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(webUrl.ToString());
            await page.Locator("article[data-testid^='equipment-']").Nth(expectedCards - 1).WaitForAsync();
            paints.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"));
            await page.CloseAsync();
        }

        return paints;
    }

    /// <summary>From the click on "30 d" to the chart drawn (the API reads the rollups, uPlot draws).</summary>
    public async Task<List<double>> ThirtyDayChartAsync(string serial, int runs)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(webUrl, $"equipment/{serial}").ToString());
        var chart = page.GetByTestId("history-chart");
        var ranges = page.GetByRole(AriaRole.Group, new() { Name = "Time range" });
        await ranges.GetByRole(AriaRole.Button, new() { Name = "15 min" }).And(page.Locator(":enabled")).WaitForAsync();
        var timings = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await ranges.GetByRole(AriaRole.Button, new() { Name = "24 h" }).ClickAsync();
            await page.Locator("[data-rendered-range='24 h']").WaitForAsync();
            var before = await chart.GetAttributeAsync("data-rendered-at");
            var start = await page.EvaluateAsync<double>("() => performance.now()");
            await ranges.GetByRole(AriaRole.Button, new() { Name = "30 d" }).ClickAsync();
            await page.Locator("[data-rendered-range='30 d']").WaitForAsync();
            var drawn = double.Parse((await chart.GetAttributeAsync("data-rendered-at"))!, System.Globalization.CultureInfo.InvariantCulture);
            if (before == drawn.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("The chart was not redrawn.");
            }

            timings.Add(drawn - start);
        }

        await page.CloseAsync();
        return timings;
    }
}
