namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of the offline fleet the service worker serves when the network is gone.</summary>
public sealed class OfflinePage(IPage page)
{
    public ILocator Banner => page.GetByTestId("offline-banner");

    public ILocator Units => page.GetByTestId("offline-fleet").Locator("article");

    public ILocator Unit(string serial) => page.GetByTestId($"offline-{serial}");
}
