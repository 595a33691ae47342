namespace Valmetal.Identity;

/// <summary>
/// Enrolment of an authenticator app (TOTP) for the signed-in user, authorized by their access token: Cognito makes a
/// secret, the user's app shows a code for it, and a right code turns the app on as the user's second factor.
/// </summary>
public sealed class AuthenticatorAppClient(CognitoApiClient cognito)
{
    /// <summary>Whether the user's second factor is an authenticator app now.</summary>
    public async Task<bool> IsEnabledAsync(string accessToken, CancellationToken ct)
    {
        var user = await cognito.CallAsync("GetUser", CognitoApiClient.Body(("AccessToken", accessToken)), ct);
        return user["UserMFASettingList"] is System.Text.Json.Nodes.JsonArray settings
            && settings.Any(s => s?.GetValue<string>() == SignInChallenges.SoftwareTokenMfa);
    }

    /// <summary>The base32 secret the user types or scans into their app.</summary>
    public async Task<string> StartAsync(string accessToken, CancellationToken ct)
    {
        var result = await cognito.CallAsync("AssociateSoftwareToken", CognitoApiClient.Body(("AccessToken", accessToken)), ct);
        return result["SecretCode"]?.GetValue<string>()
            ?? throw new CognitoServiceException("UnreadableResponse", "AssociateSoftwareToken returned no secret", 200);
    }

    /// <summary>Checks the app's code and, when right, makes the app the user's preferred second factor.</summary>
    public async Task ConfirmAsync(string accessToken, string code, string deviceName, CancellationToken ct)
    {
        var verified = await cognito.CallAsync("VerifySoftwareToken", CognitoApiClient.Body(
            ("AccessToken", accessToken), ("UserCode", code), ("FriendlyDeviceName", deviceName)), ct);
        if (verified["Status"]?.GetValue<string>() != "SUCCESS")
        {
            throw new CognitoInvalidParameterException("CodeMismatchException", "The authenticator app's code was not accepted", 400);
        }

        await SetEnabledAsync(accessToken, true, ct);
    }

    public Task SetEnabledAsync(string accessToken, bool enabled, CancellationToken ct) =>
        cognito.CallAsync("SetUserMFAPreference", CognitoApiClient.Body(
            ("AccessToken", accessToken),
            ("SoftwareTokenMfaSettings", new System.Text.Json.Nodes.JsonObject { ["Enabled"] = enabled, ["PreferredMfa"] = enabled })), ct);
}
