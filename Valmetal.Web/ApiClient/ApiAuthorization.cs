using System.Net.Http.Headers;

namespace Valmetal.Web.ApiClient;

/// <summary>How every call to the API says who it is for: the signed-in user's access token.</summary>
internal static class ApiAuthorization
{
    public static AuthenticationHeaderValue Bearer(string? accessToken) => new(nameof(Bearer), accessToken);
}
