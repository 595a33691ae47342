namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/models/{code}: a model's metric catalogue and thresholds.</summary>
public sealed class ModelCataloguePage(IPage page)
{
    public ILocator Result => page.GetByTestId("catalogue-result");

    public ILocator WarningThreshold(string metric) => page.GetByLabel($"Warning threshold of {metric}");

    public async Task SetWarningThresholdAsync(string metric, string value)
    {
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save catalogue" })).ToBeEnabledAsync();
        await WarningThreshold(metric).FillAsync(value);
        await WarningThreshold(metric).BlurAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save catalogue" }).ClickAsync();
    }
}
