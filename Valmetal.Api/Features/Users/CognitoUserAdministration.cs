using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

/// <summary>
/// The user pool operations the API performs for admins: invite, group membership, disable, invitation again,
/// password reset, sign-out everywhere. Every failure is a
/// <see cref="CognitoException"/> subclass, which <see cref="CognitoExceptionHandler"/> turns into problem details.
/// </summary>
public sealed class CognitoUserAdministration(CognitoApiClient cognito, IOptions<CognitoOptions> options)
{
    private string PoolId => options.Value.UserPoolId;

    /// <summary>
    /// Creates the user or finds the existing one; returns its sub. Without a password Cognito e-mails an invitation
    /// with a temporary password, which the user replaces at first sign-in; with one (demo and test users) no e-mail
    /// goes out and the password is set as permanent.
    /// </summary>
    public async Task<string> EnsureUserAsync(string email, string? permanentPassword, CancellationToken ct)
    {
        JsonObject user;
        try
        {
            user = await cognito.CallAsync("AdminGetUser", User(email), ct);
        }
        catch (CognitoUserNotFoundException)
        {
            var request = User(email);
            request["UserAttributes"] = CognitoApiClient.Attributes(("email", email), ("email_verified", "true"));
            request["DesiredDeliveryMediums"] = new JsonArray("EMAIL");
            if (permanentPassword is not null)
            {
                request["MessageAction"] = "SUPPRESS";
            }

            var created = await cognito.CallAsync("AdminCreateUser", request, ct);
            user = created["User"] as JsonObject ?? throw new CognitoServiceException("UnreadableResponse", "AdminCreateUser returned no user", 200);
        }

        if (permanentPassword is not null)
        {
            var request = User(email);
            request["Password"] = permanentPassword;
            request["Permanent"] = true;
            await cognito.CallAsync("AdminSetUserPassword", request, ct);
        }

        return CognitoApiClient.Attribute(user, "sub")
            ?? throw new CognitoServiceException("MissingSub", "Cognito returned a user without a sub", 200);
    }

    /// <summary>Makes <paramref name="group"/> the user's only role group.</summary>
    public async Task SetGroupAsync(string email, string group, CancellationToken ct)
    {
        foreach (var other in CognitoGroups.All.Where(g => g != group))
        {
            var request = User(email);
            request["GroupName"] = other;
            await cognito.CallAsync("AdminRemoveUserFromGroup", request, ct);
        }

        var add = User(email);
        add["GroupName"] = group;
        await cognito.CallAsync("AdminAddUserToGroup", add, ct);
    }

    /// <summary>Disabling also ends the user's sessions: Cognito revokes their tokens with the account.</summary>
    public Task SetEnabledAsync(string email, bool enabled, CancellationToken ct) =>
        cognito.CallAsync(enabled ? "AdminEnableUser" : "AdminDisableUser", User(email), ct);

    /// <summary>Sends the invitation again with a new temporary password (only while the user has not signed in yet).</summary>
    public Task ResendInvitationAsync(string email, CancellationToken ct)
    {
        var request = User(email);
        request["MessageAction"] = "RESEND";
        request["DesiredDeliveryMediums"] = new JsonArray("EMAIL");
        return cognito.CallAsync("AdminCreateUser", request, ct);
    }

    /// <summary>Makes the user set a new password: Cognito e-mails a code, and sign-in asks for it until it is used.</summary>
    public Task ResetPasswordAsync(string email, CancellationToken ct) => cognito.CallAsync("AdminResetUserPassword", User(email), ct);

    /// <summary>Revokes every refresh token of the user: each device's session ends at its next token refresh.</summary>
    public Task SignOutEverywhereAsync(string email, CancellationToken ct) => cognito.CallAsync("AdminUserGlobalSignOut", User(email), ct);

    private JsonObject User(string email) => new() { ["UserPoolId"] = PoolId, ["Username"] = email };
}
