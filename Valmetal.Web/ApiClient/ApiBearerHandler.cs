using System.Net.Http.Headers;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// Says who every call to the API is for: the Authorization header of the user the request was made for
/// (<see cref="For"/>). The token is read as the request leaves, so a circuit's copy is refreshed near its expiry; a
/// request made for no one goes without the header, and the API answers 401.
/// </summary>
/// <remarks>
/// The user travels with the request rather than being looked up here: the factory builds handlers in a scope of its
/// own, where the signed-in user of a circuit or request is not known.
/// </remarks>
public sealed class ApiBearerHandler : DelegatingHandler
{
    private const string Bearer = nameof(Bearer);

    private static readonly HttpRequestOptionsKey<Func<CancellationToken, Task<string?>>> AccessToken = new("Valmetal.Web.AccessToken");

    /// <summary>Makes <paramref name="request"/> a call for the user whose access token <paramref name="accessToken"/> gives.</summary>
    public static HttpRequestMessage For(HttpRequestMessage request, Func<CancellationToken, Task<string?>> accessToken)
    {
        request.Options.Set(AccessToken, accessToken);
        return request;
    }

    /// <summary>Makes <paramref name="request"/> a call with a token already in hand (at sign-in, before a session exists).</summary>
    public static HttpRequestMessage For(HttpRequestMessage request, string accessToken) =>
        For(request, _ => Task.FromResult<string?>(accessToken));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = request.Options.TryGetValue(AccessToken, out var source) && await source(cancellationToken) is { } token
            ? new AuthenticationHeaderValue(Bearer, token)
            : null;
        return await base.SendAsync(request, cancellationToken);
    }
}
