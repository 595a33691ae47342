using System.Net;

namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of the Client app's fleet overview (/).</summary>
public sealed class FleetPage(IPage page)
{
    public ILocator EquipmentCards => page.Locator("article[data-testid^='equipment-']");

    public ILocator FarmHeadings => page.Locator("section.farm h2");

    /// <summary>"live" shows once the page is interactive and has read its state again after subscribing to the live stream.</summary>
    public ILocator LiveIndicator => page.Locator(".live-dot");

    public async Task WaitUntilLiveAsync() => await Expect(LiveIndicator).ToBeVisibleAsync();

    public ILocator Value(string serial, string metric) => page.GetByTestId($"metric-{serial}-{metric}");

    /// <summary>Every value the fleet's cards show, as text, read in one go.</summary>
    public async Task<IReadOnlyList<string>> ValuesAsync() =>
        await EquipmentCards.Locator("[data-testid^='metric-']").EvaluateAllAsync<string[]>("values => values.map(v => v.textContent.trim())");

    public ILocator State(string serial) => page.GetByTestId($"state-{serial}");

    public ILocator NextDue(string serial) => page.GetByTestId($"due-{serial}");

    /// <summary>
    /// Every state chip's count, read in one go: a live update that moves a unit from one state to another re-renders
    /// the chips, and counts read one at a time across that render may count the unit twice or not at all.
    /// </summary>
    public async Task<int> CountedAsync() =>
        (await page.Locator("[data-testid^='count-'] strong").EvaluateAllAsync<int[]>("counts => counts.map(c => parseInt(c.textContent, 10))")).Sum();

    public async Task<IReadOnlyList<string>> SerialsAsync()
    {
        var ids = await EquipmentCards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.testid.substring('equipment-'.length))");
        return ids;
    }

    /// <summary>Every card's state badge, read in one go: live updates may change a badge a moment later.</summary>
    public async Task<IReadOnlyList<string>> StatesAsync() =>
        await page.Locator("[data-testid^='state-']").EvaluateAllAsync<string[]>("badges => badges.map(b => b.textContent.trim())");

    public async Task OpenEquipmentAsync(string serial) =>
        await page.GetByTestId($"equipment-{serial}").GetByRole(AriaRole.Link).First.ClickAsync();

    /// <summary>
    /// The filter form is a plain GET form: it works before the page is interactive, but the interactive render that
    /// follows replaces it, and a form filled or clicked just before that is gone with it (no navigation follows). So
    /// it is used once the page is live. Then waits for the filtered page itself: right after the click the old page
    /// is still loaded, and reading it would check the previous filter.
    /// </summary>
    public async Task FilterAsync(string? search = null, string? state = null)
    {
        await WaitUntilLiveAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync(search ?? string.Empty);
        await page.Locator("form.filters select[name=state]").SelectOptionAsync(state ?? string.Empty);
        var query = new[] { $"q={WebUtility.UrlEncode(search ?? string.Empty)}", $"state={WebUtility.UrlEncode(state ?? string.Empty)}" };
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(url => query.All(part => new Uri(url).Query.TrimStart('?').Split('&').Contains(part)),
            new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}
