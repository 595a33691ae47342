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
/// app only reads them), RevokeToken answers as configured. Every call is recorded.
/// </summary>
public sealed class CannedCognito
{
    public const string ClientId = "web-client-under-test";

    private int _issued;

    public ConcurrentQueue<CognitoCall> Calls { get; } = new();

    /// <summary>What RevokeToken answers; null for success.</summary>
    public (HttpStatusCode Status, string Type)? RevokeRefusal { get; set; }

    public IEnumerable<CognitoCall> CallsTo(string operation) =>
        Calls.Where(c => c.Target == "AWSCognitoIdentityProviderService." + operation);

    public HttpMessageHandler CreateHandler() => new Handler(this);

    public static string Jwt(object payload) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.sig";

    private HttpResponseMessage Answer(string? target, JsonObject body)
    {
        switch (target)
        {
            case "AWSCognitoIdentityProviderService.InitiateAuth":
                var email = body["AuthParameters"]?["USERNAME"]?.GetValue<string>() ?? "refresh@farm.test";
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
            case "AWSCognitoIdentityProviderService.RevokeToken" when RevokeRefusal is { } refusal:
                return Json(refusal.Status, new JsonObject { ["__type"] = refusal.Type, ["message"] = "refused by the test" });
            case "AWSCognitoIdentityProviderService.RevokeToken":
                return Json(HttpStatusCode.OK, []);
            default:
                return Json(HttpStatusCode.BadRequest, new JsonObject { ["__type"] = "UnsupportedOperation", ["message"] = target });
        }
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
