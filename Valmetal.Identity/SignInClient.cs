using System.Text.Json.Nodes;

namespace Valmetal.Identity;

public sealed record TokenSet(string AccessToken, string IdToken, string RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>Password sign-in, token refresh and revocation with the app client, as the web app's server does them.</summary>
public sealed class SignInClient(CognitoApiClient cognito, TimeProvider time)
{
    public async Task<TokenSet> SignInAsync(string clientId, string email, string password, CancellationToken ct)
    {
        var result = await cognito.CallAsync("InitiateAuth", CognitoApiClient.Body(
            ("ClientId", clientId),
            ("AuthFlow", "USER_PASSWORD_AUTH"),
            ("AuthParameters", new JsonObject { ["USERNAME"] = email, ["PASSWORD"] = password })), ct);
        return Read(result, refreshToken: null);
    }

    public async Task<TokenSet> RefreshAsync(string clientId, string refreshToken, CancellationToken ct)
    {
        var result = await cognito.CallAsync("InitiateAuth", CognitoApiClient.Body(
            ("ClientId", clientId),
            ("AuthFlow", "REFRESH_TOKEN_AUTH"),
            ("AuthParameters", new JsonObject { ["REFRESH_TOKEN"] = refreshToken })), ct);
        return Read(result, refreshToken);
    }

    /// <summary>
    /// Revokes a refresh token and every access token issued from it (RevokeToken, unsigned like InitiateAuth;
    /// the app client needs token revocation enabled, as the CDK sets it).
    /// </summary>
    public Task RevokeAsync(string clientId, string refreshToken, CancellationToken ct) =>
        cognito.CallAsync("RevokeToken", CognitoApiClient.Body(("ClientId", clientId), ("Token", refreshToken)), ct);

    private TokenSet Read(JsonObject result, string? refreshToken)
    {
        var auth = result["AuthenticationResult"] as JsonObject
            ?? throw new CognitoUserStateException("ChallengeRequired", "Cognito asked for a further sign-in step this app does not support", 400);
        var access = auth["AccessToken"]!.GetValue<string>();
        return new TokenSet(
            access,
            auth["IdToken"]!.GetValue<string>(),
            auth["RefreshToken"]?.GetValue<string>() ?? refreshToken ?? string.Empty,
            TokenExpiry.Of(access, time));
    }
}
