using Microsoft.Playwright;

namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of the Client app's fleet overview (/).</summary>
public sealed class FleetPage(IPage page)
{
    public ILocator EquipmentCards => page.Locator("[data-testid^='equipment-']");

    public ILocator FarmHeadings => page.Locator("section.farm h2");

    public ILocator Value(string serial, string metric) => page.GetByTestId($"metric-{serial}-{metric}");

    public async Task<IReadOnlyList<string>> SerialsAsync()
    {
        var ids = await EquipmentCards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.testid.substring('equipment-'.length))");
        return ids;
    }

    public async Task OpenEquipmentAsync(string displayNameOrSerial) =>
        await page.GetByTestId($"equipment-{displayNameOrSerial}").GetByRole(AriaRole.Link).ClickAsync();
}
