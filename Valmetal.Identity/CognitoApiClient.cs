using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Valmetal.AwsHttp;

namespace Valmetal.Identity;

/// <summary>
/// Calls the Cognito user pools JSON protocol (POST with <c>X-Amz-Target</c>) through Valmetal.AwsHttp: the hosts add
/// its signing handler (<see cref="SigningName"/>); this client marks which operations go unsigned and which may
/// be retried, since only it knows the operation (docs/decisions.md, "One signed-HTTP layer for AWS").
/// </summary>
public sealed class CognitoApiClient(HttpClient http)
{
    /// <summary>The service name Cognito user pools are signed for.</summary>
    public const string SigningName = "cognito-idp";

    private const string TargetPrefix = "AWSCognitoIdentityProviderService";

    /// <summary>
    /// Operations AWS takes without a signature: the app client's own calls, authorized by the client id, a
    /// password, a code or a token in the body. Sent unsigned, the web host needs no AWS credentials for sign-in.
    /// </summary>
    public static FrozenSet<string> PublicOperations { get; } = new[]
    {
        "InitiateAuth", "RespondToAuthChallenge", "SignUp", "ConfirmSignUp", "ResendConfirmationCode",
        "ForgotPassword", "ConfirmForgotPassword", "RevokeToken", "GetUser", "ChangePassword", "GlobalSignOut",
        "GetTokensFromRefreshToken", "AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Operations whose repetition leaves the state of one call: reads, and admin changes that set a state
    /// (membership, enabled, signed out). AdminCreateUser has no client token and is never repeated; InitiateAuth
    /// is not either, since every failed attempt counts towards the user's lockout.
    /// </summary>
    public static FrozenSet<string> IdempotentOperations { get; } = new[]
    {
        "AdminGetUser", "AdminListGroupsForUser", "ListUsers", "ListUsersInGroup", "ListGroups", "GetGroup",
        "DescribeUserPool", "DescribeUserPoolClient", "ListUserPools", "ListUserPoolClients",
        "AdminAddUserToGroup", "AdminRemoveUserFromGroup", "AdminDisableUser", "AdminEnableUser",
        "AdminUserGlobalSignOut", "AdminUpdateUserAttributes", "GetUser",
    }.ToFrozenSet(StringComparer.Ordinal);

    public async Task<JsonObject> CallAsync(string operation, JsonObject request, CancellationToken ct)
    {
        using var message = AwsJsonProtocol.CreateRequest(TargetPrefix, operation, request);
        if (PublicOperations.Contains(operation))
        {
            message.MarkUnsigned();
        }

        if (IdempotentOperations.Contains(operation))
        {
            message.MarkIdempotent();
        }

        return await AwsJsonProtocol.SendAsync(http, message, CognitoErrors.From, ct);
    }

    public static JsonObject Body(params (string Name, JsonNode? Value)[] properties)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in properties)
        {
            obj[name] = value;
        }

        return obj;
    }

    public static JsonArray Attributes(params (string Name, string Value)[] attributes) =>
        new([.. attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Name, ["Value"] = a.Value })]);

    public static string? Attribute(JsonObject user, string name) =>
        (user["Attributes"] ?? user["UserAttributes"])?.AsArray()
            .FirstOrDefault(a => a?["Name"]?.GetValue<string>() == name)?["Value"]?.GetValue<string>();

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
