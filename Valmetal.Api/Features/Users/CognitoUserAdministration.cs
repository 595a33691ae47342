using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

/// <summary>
/// The user pool operations the API performs for admins: create, group membership, disable. Every failure is a
/// <see cref="CognitoException"/> subclass, which <see cref="CognitoExceptionHandler"/> turns into problem details.
/// </summary>
public sealed class CognitoUserAdministration(CognitoApiClient cognito, IOptions<CognitoOptions> options)
{
    private string PoolId => options.Value.UserPoolId;

    /// <summary>Creates the user (no e-mail sent) or finds the existing one; returns its sub.</summary>
    public async Task<string> EnsureUserAsync(string email, string? permanentPassword, CancellationToken ct)
    {
        JsonObject user;
        try
        {
            user = await cognito.CallAsync("AdminGetUser", CognitoApiClient.Body(("UserPoolId", PoolId), ("Username", email)), ct);
        }
        catch (CognitoUserNotFoundException)
        {
            var created = await cognito.CallAsync("AdminCreateUser", CognitoApiClient.Body(
                ("UserPoolId", PoolId),
                ("Username", email),
                ("MessageAction", "SUPPRESS"),
                ("UserAttributes", CognitoApiClient.Attributes(("email", email), ("email_verified", "true")))), ct);
            user = created["User"] as JsonObject ?? throw new CognitoServiceException("UnreadableResponse", "AdminCreateUser returned no user", 200);
        }

        if (permanentPassword is not null)
        {
            await cognito.CallAsync("AdminSetUserPassword", CognitoApiClient.Body(
                ("UserPoolId", PoolId), ("Username", email), ("Password", permanentPassword), ("Permanent", true)), ct);
        }

        return CognitoApiClient.Attribute(user, "sub")
            ?? throw new CognitoServiceException("MissingSub", "Cognito returned a user without a sub", 200);
    }

    /// <summary>Makes <paramref name="group"/> the user's only role group.</summary>
    public async Task SetGroupAsync(string email, string group, CancellationToken ct)
    {
        foreach (var other in CognitoGroups.All.Where(g => g != group))
        {
            await cognito.CallAsync("AdminRemoveUserFromGroup", CognitoApiClient.Body(
                ("UserPoolId", PoolId), ("Username", email), ("GroupName", other)), ct);
        }

        await cognito.CallAsync("AdminAddUserToGroup", CognitoApiClient.Body(
            ("UserPoolId", PoolId), ("Username", email), ("GroupName", group)), ct);
    }

    public Task SetEnabledAsync(string email, bool enabled, CancellationToken ct) =>
        cognito.CallAsync(enabled ? "AdminEnableUser" : "AdminDisableUser", CognitoApiClient.Body(
            ("UserPoolId", PoolId), ("Username", email)), ct);
}
