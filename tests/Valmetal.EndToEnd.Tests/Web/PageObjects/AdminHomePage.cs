namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin: every farm and every unit.</summary>
public sealed class AdminHomePage(IPage page)
{
    public ILocator Farms => page.GetByTestId("admin-farms").Locator("tbody tr");

    public ILocator Equipment => page.GetByTestId("admin-equipment").Locator("tbody tr");

    public ILocator Unit(string serial) => page.GetByTestId($"admin-equipment-{serial}");
}
