namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/health: devices online, message rates, ingest lag.</summary>
public sealed class PlatformHealthPage(IPage page)
{
    public ILocator DevicesOnline => page.GetByTestId("devices-online");

    public ILocator MessageRate => page.GetByTestId("message-rate");

    public ILocator IngestLag => page.GetByTestId("ingest-lag");

    public ILocator Replicas => page.GetByTestId("replicas").Locator("tbody tr");
}
