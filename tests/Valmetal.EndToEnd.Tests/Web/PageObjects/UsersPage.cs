namespace Valmetal.EndToEnd.Tests.Web.PageObjects;

/// <summary>Page object of /admin/users.</summary>
public sealed class UsersPage(IPage page)
{
    public ILocator Users => page.GetByTestId("users").Locator("tbody tr");

    public ILocator User(string email) => page.GetByTestId($"user-{email}");
}
