using Microsoft.AspNetCore.Components.Authorization;

namespace Valmetal.Web.Account;

/// <summary>
/// Outside a Razor component nothing has told the authentication state provider who is signed in, and the API clients
/// ask it for the user's token (<see cref="UserSession"/>): an endpoint that calls the API as the user says who first.
/// </summary>
public static class RequestUser
{
    public static void Provide(AuthenticationStateProvider authentication, HttpContext http) =>
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
}
