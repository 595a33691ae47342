namespace Valmetal.Identity;

/// <summary>
/// "Forgot password": Cognito e-mails a code to the user's verified address, and the code with a new password sets it.
/// Both calls are the app client's own (unsigned, like sign-in).
/// </summary>
public sealed class PasswordRecoveryClient(CognitoApiClient cognito)
{
    /// <summary>
    /// Asks Cognito to send a code. With the pool's user-existence errors prevented (the CDK sets it), an unknown
    /// address gets the same answer as a known one, so the page cannot be used to find out who has an account.
    /// </summary>
    public Task SendCodeAsync(string clientId, string email, CancellationToken ct) =>
        cognito.CallAsync("ForgotPassword", CognitoApiClient.Body(("ClientId", clientId), ("Username", email)), ct);

    public Task ResetAsync(string clientId, string email, string code, string newPassword, CancellationToken ct) =>
        cognito.CallAsync("ConfirmForgotPassword", CognitoApiClient.Body(
            ("ClientId", clientId), ("Username", email), ("ConfirmationCode", code), ("Password", newPassword)), ct);
}
