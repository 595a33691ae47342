using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>One call the web app made to the user pool, as it went over the wire.</summary>
public sealed record CognitoCall(string? Target, string? ContentType, bool HasCredentials, JsonObject Body);

/// <summary>
/// The user pool's JSON protocol with canned answers: InitiateAuth signs anyone in (unsigned JWTs are enough, the web
/// app only reads them) unless the user is to be challenged, RespondToAuthChallenge takes one right answer,
/// RevokeToken and ForgotPassword answer as configured. Every call is recorded.
/// </summary>
public sealed class CannedCognito
{
    public const string ClientId = "web-client-under-test";

    private int _issued;

    public ConcurrentQueue<CognitoCall> Calls { get; } = new();

    /// <summary>What RevokeToken answers; null for success.</summary>
    public (HttpStatusCode Status, string Type)? RevokeRefusal { get; set; }

    /// <summary>Users whose password is answered with a challenge (its name) instead of tokens.</summary>
    public Dictionary<string, string> Challenges { get; } = new(StringComparer.Ordinal);

    /// <summary>The answer RespondToAuthChallenge accepts; any other is a CodeMismatchException.</summary>
    public string RightAnswer { get; set; } = "123456";

    /// <summary>What ForgotPassword answers; null for success.</summary>
    public string? ForgotPasswordError { get; set; }

    public IEnumerable<CognitoCall> CallsTo(string operation) =>
        Calls.Where(c => c.Target == "AWSCognitoIdentityProviderService." + operation);

    public HttpMessageHandler CreateHandler() => new Handler(this);

    public static string Jwt(object payload) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.sig";

    private HttpResponseMessage Answer(string? target, JsonObject body)
    {
        switch (target)
        {
            case "AWSCognitoIdentityProviderService.InitiateAuth" when ChallengeOf(body) is { } challenge:
                return Json(HttpStatusCode.OK, new JsonObject
                {
                    ["ChallengeName"] = challenge.Name,
                    ["Session"] = "session-of-" + challenge.User,
                    ["ChallengeParameters"] = new JsonObject { ["USER_ID_FOR_SRP"] = "id-of-" + challenge.User },
                });
            case "AWSCognitoIdentityProviderService.RespondToAuthChallenge":
                var answer = body["ChallengeResponses"]?.AsObject().Where(r => r.Key != "USERNAME").Select(r => r.Value?.GetValue<string>()).SingleOrDefault();
                return answer == RightAnswer
                    ? Tokens(body["ChallengeResponses"]!["USERNAME"]!.GetValue<string>().Replace("id-of-", string.Empty, StringComparison.Ordinal))
                    : Json(HttpStatusCode.BadRequest, new JsonObject { ["__type"] = "CodeMismatchException", ["message"] = "Invalid code received for user" });
            case "AWSCognitoIdentityProviderService.ForgotPassword" when ForgotPasswordError is { } error:
                return Json(HttpStatusCode.BadRequest, new JsonObject { ["__type"] = error, ["message"] = "refused by the test" });
            case "AWSCognitoIdentityProviderService.ForgotPassword":
                return Json(HttpStatusCode.OK, new JsonObject { ["CodeDeliveryDetails"] = new JsonObject { ["DeliveryMedium"] = "EMAIL" } });
            case "AWSCognitoIdentityProviderService.InitiateAuth":
                return Tokens(body["AuthParameters"]?["USERNAME"]?.GetValue<string>() ?? "refresh@farm.test");
            case "AWSCognitoIdentityProviderService.RevokeToken" when RevokeRefusal is { } refusal:
                return Json(refusal.Status, new JsonObject { ["__type"] = refusal.Type, ["message"] = "refused by the test" });
            case "AWSCognitoIdentityProviderService.RevokeToken":
                return Json(HttpStatusCode.OK, []);
            default:
                return Json(HttpStatusCode.BadRequest, new JsonObject { ["__type"] = "UnsupportedOperation", ["message"] = target });
        }
    }

    private (string User, string Name)? ChallengeOf(JsonObject body) =>
        body["AuthParameters"]?["USERNAME"]?.GetValue<string>() is { } user && Challenges.TryGetValue(user, out var name) ? (user, name) : null;

    private HttpResponseMessage Tokens(string email)
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var refresh = "refresh-" + Interlocked.Increment(ref _issued);
        return Json(HttpStatusCode.OK, new JsonObject
        {
            ["AuthenticationResult"] = new JsonObject
            {
                ["AccessToken"] = Jwt(new { sub = "sub-" + email, exp, token_use = "access" }),
                ["IdToken"] = Jwt(new Dictionary<string, object> { ["sub"] = "sub-" + email, ["email"] = email, ["cognito:groups"] = new[] { "farmers" }, ["exp"] = exp }),
                ["RefreshToken"] = refresh,
            },
        });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1") };

    private sealed class Handler(CannedCognito cognito) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : null;
            var text = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
            var body = JsonNode.Parse(text) as JsonObject ?? [];
            cognito.Calls.Enqueue(new CognitoCall(
                target, request.Content?.Headers.ContentType?.MediaType, request.Headers.Authorization is not null, body));
            return cognito.Answer(target, body);
        }
    }
}
