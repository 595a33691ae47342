using System.Text.Json.Nodes;

namespace Valmetal.Identity;

public sealed record TokenSet(string AccessToken, string IdToken, string RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Password sign-in with the further steps Cognito may ask for, token refresh and revocation, with the app client, as
/// the web app's server does them.
/// </summary>
public sealed class SignInClient(CognitoApiClient cognito, TimeProvider time)
{
    public async Task<SignInStep> SignInAsync(string clientId, string email, string password, CancellationToken ct)
    {
        var result = await cognito.CallAsync("InitiateAuth", CognitoApiClient.Body(
            ("ClientId", clientId),
            ("AuthFlow", "USER_PASSWORD_AUTH"),
            ("AuthParameters", new JsonObject { ["USERNAME"] = email, ["PASSWORD"] = password })), ct);
        return Step(result, email);
    }

    /// <summary>Answers the challenge Cognito asked for; the answer's names are the challenge's (AWS's RespondToAuthChallenge).</summary>
    public async Task<SignInStep> AnswerAsync(string clientId, SignInChallenge challenge, string answer, CancellationToken ct)
    {
        var responses = new JsonObject { ["USERNAME"] = challenge.Username };
        responses[SignInChallenges.AnswerName(challenge.Name)] = answer;
        var result = await cognito.CallAsync("RespondToAuthChallenge", CognitoApiClient.Body(
            ("ClientId", clientId),
            ("ChallengeName", challenge.Name),
            ("Session", challenge.Session),
            ("ChallengeResponses", responses)), ct);
        return Step(result, challenge.Username);
    }

    public async Task<TokenSet> RefreshAsync(string clientId, string refreshToken, CancellationToken ct)
    {
        var result = await cognito.CallAsync("InitiateAuth", CognitoApiClient.Body(
            ("ClientId", clientId),
            ("AuthFlow", "REFRESH_TOKEN_AUTH"),
            ("AuthParameters", new JsonObject { ["REFRESH_TOKEN"] = refreshToken })), ct);
        var tokens = Step(result, string.Empty).Tokens
            ?? throw new CognitoUserStateException("ChallengeRequired", "Cognito asked for a sign-in step while refreshing tokens", 400);
        // A refresh answers no new refresh token: the one sent stays valid.
        return tokens.RefreshToken.Length > 0 ? tokens : tokens with { RefreshToken = refreshToken };
    }

    /// <summary>
    /// Revokes a refresh token and every access token issued from it (RevokeToken, unsigned like InitiateAuth;
    /// the app client needs token revocation enabled, as the CDK sets it).
    /// </summary>
    public Task RevokeAsync(string clientId, string refreshToken, CancellationToken ct) =>
        cognito.CallAsync("RevokeToken", CognitoApiClient.Body(("ClientId", clientId), ("Token", refreshToken)), ct);

    private SignInStep Step(JsonObject result, string username)
    {
        if (result["AuthenticationResult"] is JsonObject auth)
        {
            var access = auth["AccessToken"]!.GetValue<string>();
            return new SignInStep(new TokenSet(
                access,
                auth["IdToken"]!.GetValue<string>(),
                auth["RefreshToken"]?.GetValue<string>() ?? string.Empty,
                TokenExpiry.Of(access, time)), null);
        }

        var name = result["ChallengeName"]?.GetValue<string>();
        var session = result["Session"]?.GetValue<string>();
        if (name is null || session is null || !SignInChallenges.Supported.Contains(name))
        {
            throw new CognitoUserStateException("ChallengeRequired", $"Cognito asked for a sign-in step this app does not answer ({name ?? "none"})", 400);
        }

        // Cognito names the user by its internal id in the challenge; the answer must use that name.
        var user = result["ChallengeParameters"]?["USER_ID_FOR_SRP"]?.GetValue<string>() ?? username;
        return new SignInStep(null, new SignInChallenge(name, session, user));
    }
}
