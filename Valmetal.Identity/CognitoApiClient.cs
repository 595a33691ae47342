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
        var json = string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body) as JsonObject ?? new JsonObject();
        if (!response.IsSuccessStatusCode)
        {
            var type = json["__type"]?.GetValue<string>() ?? "UnknownError";
            var text = (json["message"] ?? json["Message"])?.GetValue<string>() ?? response.ReasonPhrase ?? "no message";
            throw new CognitoException(type[(type.LastIndexOf('#') + 1)..], text, (int)response.StatusCode);
        }

        return json;
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
