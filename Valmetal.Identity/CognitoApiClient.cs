using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valmetal.Identity;

/// <summary>
/// Calls the Cognito user pools JSON protocol (POST with <c>X-Amz-Target</c>). Sign-in calls need no signature;
/// admin calls against AWS are signed by the handler the host adds (see docs/decisions.md).
/// </summary>
public sealed class CognitoApiClient(HttpClient http)
{
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    public async Task<JsonObject> CallAsync(string operation, JsonObject request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8),
        };
        message.Content.Headers.ContentType = AmzJson;
        message.Headers.Add("X-Amz-Target", TargetPrefix + operation);
        using var response = await http.SendAsync(message, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var json = ReadObject(body);
        if (!response.IsSuccessStatusCode)
        {
            // The JSON protocol names the error in __type; a proxy or load balancer in between may answer HTML instead.
            var type = Text(json?["__type"])
                ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var header) ? header.FirstOrDefault() : null)
                ?? "UnknownError";
            var text = Text(json?["message"] ?? json?["Message"]) ?? response.ReasonPhrase ?? "no message";
            throw CognitoErrors.From(type, text, (int)response.StatusCode);
        }

        return json ?? throw new CognitoServiceException("UnreadableResponse", $"{operation} answered {(int)response.StatusCode} without a JSON object", (int)response.StatusCode);
    }

    private static JsonObject? ReadObject(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON at all: the caller reports the status instead.
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

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
