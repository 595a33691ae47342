using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.Api.Features.Users;
using Valmetal.Identity;
using Valmetal.TestSupport;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// What our Cognito code sends (CognitoUserAdministration, SignInClient, and the admin calls user administration
/// is to use) against what AWS's Cognito client sends for the same inputs (tests/aws-parity/cognito-requests.mjs,
/// @aws-sdk/client-cognito-identity-provider against a capture server): method, path, X-Amz-Target, content type
/// and the body as JSON. A misspelt member or operation name fails here instead of in AWS.
/// </summary>
public sealed class CognitoRequestParityTests
{
    private const string Pool = "ca-central-1_Parity1";
    private const string ClientId = "parityclient123";
    private const string Email = "farmer@example.test";

    // An unsigned JWT with an exp: SignInClient reads only that.
    private static readonly string AccessToken = "e30." + Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"exp":2000000000}""")).TrimEnd('=') + ".c2ln";

    [Fact]
    public async Task Our_Cognito_requests_equal_the_AWS_SDKs()
    {
        var ours = await SendOursAsync();
        var theirs = await SendTheirsAsync();

        Assert.Equal(theirs.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var (expected, actual) = (theirs[i]!, ours[i]);
            var operation = expected["target"]?.GetValue<string>();
            Assert.Equal(expected["method"]?.GetValue<string>(), actual.Method);
            Assert.Equal(expected["path"]?.GetValue<string>(), actual.Path);
            Assert.Equal(operation, actual.Target);
            Assert.Equal(expected["contentType"]?.GetValue<string>(), actual.ContentType);
            var expectedBody = JsonNode.Parse(expected["body"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(expectedBody, JsonNode.Parse(actual.Body)),
                $"{operation}: AWS SDK sent {expectedBody?.ToJsonString()}, we sent {actual.Body}");
        }
    }

    private sealed record Sent(string Method, string Path, string? Target, string? ContentType, string Body);

    /// <summary>The same operations, in the same order, with the inputs the SDK is given below.</summary>
    private static async Task<List<Sent>> SendOursAsync()
    {
        var capture = new CapturingHandler((request, _) => Answer(request.Headers.GetValues("X-Amz-Target").Single()));
        using var http = new HttpClient(capture) { BaseAddress = new Uri("http://cognito.test") };
        var cognito = new CognitoApiClient(http);
        var admin = new CognitoUserAdministration(cognito, Options.Create(new CognitoOptions { UserPoolId = Pool }));
        var signIn = new SignInClient(cognito, TimeProvider.System);
        var ct = CancellationToken.None;

        await admin.EnsureUserAsync(Email, "Parity-Passw0rd!", ct); // AdminGetUser (not found), AdminCreateUser, AdminSetUserPassword
        await admin.SetGroupAsync(Email, CognitoGroups.Farmers, ct); // AdminRemoveUserFromGroup x2, AdminAddUserToGroup
        await admin.SetEnabledAsync(Email, enabled: false, ct);
        await admin.SetEnabledAsync(Email, enabled: true, ct);
        // Calls user administration is to make; sent as it will send them.
        var user = CognitoApiClient.Body(("UserPoolId", Pool), ("Username", Email));
        await cognito.CallAsync("AdminListGroupsForUser", user.DeepClone().AsObject(), ct);
        await cognito.CallAsync("AdminUserGlobalSignOut", user.DeepClone().AsObject(), ct);
        await cognito.CallAsync("AdminResetUserPassword", user.DeepClone().AsObject(), ct);
        await signIn.SignInAsync(ClientId, Email, "Parity-Passw0rd!", ct);
        await signIn.RefreshAsync(ClientId, "refresh-token-1", ct);
        await cognito.CallAsync("RespondToAuthChallenge", CognitoApiClient.Body(
            ("ClientId", ClientId), ("ChallengeName", "NEW_PASSWORD_REQUIRED"), ("Session", "session-1"),
            ("ChallengeResponses", new JsonObject { ["USERNAME"] = Email, ["NEW_PASSWORD"] = "Parity-Passw0rd!" })), ct);
        await signIn.RevokeAsync(ClientId, "refresh-token-1", ct);

        return [.. capture.Received.Select(r => new Sent(
            r.Request.Method.Method,
            r.Request.RequestUri!.AbsolutePath,
            r.Request.Headers.GetValues("X-Amz-Target").Single(),
            r.Request.Content?.Headers.ContentType?.ToString(),
            r.Body))];
    }

    private static HttpResponseMessage Answer(string target) => target.Split('.')[1] switch
    {
        "AdminGetUser" => Json(HttpStatusCode.BadRequest, """{"__type":"UserNotFoundException","message":"User does not exist."}"""),
        "AdminCreateUser" => Json(HttpStatusCode.OK, """{"User":{"Attributes":[{"Name":"sub","Value":"s-1"}]}}"""),
        "InitiateAuth" => Json(HttpStatusCode.OK, $$$"""{"AuthenticationResult":{"AccessToken":"{{{AccessToken}}}","IdToken":"{{{AccessToken}}}","RefreshToken":"refresh-token-1"}}"""),
        _ => Json(HttpStatusCode.OK, "{}"),
    };

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };

    private static async Task<JsonArray> SendTheirsAsync()
    {
        JsonObject User() => new() { ["UserPoolId"] = Pool, ["Username"] = Email };
        JsonObject Op(string operation, JsonObject input) => new() { ["operation"] = operation, ["input"] = input };
        var cases = new JsonArray(
            Op("AdminGetUser", User()),
            Op("AdminCreateUser", new JsonObject
            {
                ["UserPoolId"] = Pool, ["Username"] = Email, ["MessageAction"] = "SUPPRESS",
                ["UserAttributes"] = new JsonArray(
                    new JsonObject { ["Name"] = "email", ["Value"] = Email },
                    new JsonObject { ["Name"] = "email_verified", ["Value"] = "true" }),
            }),
            Op("AdminSetUserPassword", new JsonObject { ["UserPoolId"] = Pool, ["Username"] = Email, ["Password"] = "Parity-Passw0rd!", ["Permanent"] = true }),
            Op("AdminRemoveUserFromGroup", new JsonObject { ["UserPoolId"] = Pool, ["Username"] = Email, ["GroupName"] = CognitoGroups.Admins }),
            Op("AdminRemoveUserFromGroup", new JsonObject { ["UserPoolId"] = Pool, ["Username"] = Email, ["GroupName"] = CognitoGroups.Technicians }),
            Op("AdminAddUserToGroup", new JsonObject { ["UserPoolId"] = Pool, ["Username"] = Email, ["GroupName"] = CognitoGroups.Farmers }),
            Op("AdminDisableUser", User()),
            Op("AdminEnableUser", User()),
            Op("AdminListGroupsForUser", User()),
            Op("AdminUserGlobalSignOut", User()),
            Op("AdminResetUserPassword", User()),
            Op("InitiateAuth", new JsonObject
            {
                ["ClientId"] = ClientId, ["AuthFlow"] = "USER_PASSWORD_AUTH",
                ["AuthParameters"] = new JsonObject { ["USERNAME"] = Email, ["PASSWORD"] = "Parity-Passw0rd!" },
            }),
            Op("InitiateAuth", new JsonObject
            {
                ["ClientId"] = ClientId, ["AuthFlow"] = "REFRESH_TOKEN_AUTH",
                ["AuthParameters"] = new JsonObject { ["REFRESH_TOKEN"] = "refresh-token-1" },
            }),
            Op("RespondToAuthChallenge", new JsonObject
            {
                ["ClientId"] = ClientId, ["ChallengeName"] = "NEW_PASSWORD_REQUIRED", ["Session"] = "session-1",
                ["ChallengeResponses"] = new JsonObject { ["USERNAME"] = Email, ["NEW_PASSWORD"] = "Parity-Passw0rd!" },
            }),
            Op("RevokeToken", new JsonObject { ["ClientId"] = ClientId, ["Token"] = "refresh-token-1" }));
        var output = await NodeScript.RunAsync("cognito-requests.mjs", cases.ToJsonString());
        return JsonNode.Parse(output)!.AsArray();
    }
}
