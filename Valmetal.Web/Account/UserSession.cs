using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Valmetal.Identity;

namespace Valmetal.Web.Account;

/// <summary>
/// The current user's access token for calls to the API, in a plain request and in an interactive circuit
/// alike. A circuit can outlive the token, so it refreshes its own copy when expiry is near.
/// </summary>
public sealed class UserSession(
    AuthenticationStateProvider authentication,
    SignInClient signIn,
    IOptions<CognitoOptions> cognito,
    TimeProvider time)
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenSet? _tokens;

    public async Task<string?> GetAccessTokenAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_tokens is null)
            {
                var state = await authentication.GetAuthenticationStateAsync();
                _tokens = SessionClaims.Tokens(state.User);
            }

            if (_tokens is not null && _tokens.ExpiresAt - time.GetUtcNow() < RefreshBefore)
            {
                _tokens = await signIn.RefreshAsync(cognito.Value.ClientId, _tokens.RefreshToken, ct);
            }

            return _tokens?.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }
}
