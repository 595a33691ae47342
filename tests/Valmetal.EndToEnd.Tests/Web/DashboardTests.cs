using System.Text.RegularExpressions;

namespace Valmetal.EndToEnd.Tests.Web;

[Collection(PlatformCollection.Name)]
public sealed class DashboardTests(PlatformFixture platform, SharedBrowser browser)
{
    [Fact]
    public async Task The_client_dashboard_shows_a_live_value_change_without_reloading()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        await new SignInPage(page, platform.WebUrl).SignInAsync(DemoUsers.FarmerBeauregard);
        var simulated = Fleet.Equipment[0].Thing;
        var value = page.GetByTestId($"metric-{simulated}-motor_current_a");
        await Expect(value).ToBeVisibleAsync();
        var before = await value.TextContentAsync();
        // Named, and with its unit, as the model catalogue gives them (the equipment page shows the same).
        var metrics = page.GetByTestId($"equipment-{simulated}").Locator("dl.metrics");
        await Expect(metrics).ToContainTextAsync(new Regex(@"Motor current\s*[\d.]+ A"));
        await Expect(metrics).Not.ToContainTextAsync("motor_current_a");

        await Expect(value).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        Assert.Equal(2, navigations); // the sign-in form's redirect, then nothing: values arrive over the live connection
        await Browsers.SaveScreenshotAsync(page, "client-dashboard");
    }
}
