using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Valmetal.AwsHttp;

/// <summary>
/// Reads an error answer in each AWS protocol. Pure functions of status, headers and body: a proxy or load balancer
/// in between may answer HTML, so every reader falls back to the status and a generic code rather than failing.
/// </summary>
public static class AwsErrors
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>
    /// The bare error name: AWS may qualify it with a namespace (<c>com.amazonaws...#UserNotFoundException</c>)
    /// or add a <c>:</c> suffix with a documentation URL (<c>ValidationException:http://internal...</c>).
    /// </summary>
    public static string Sanitize(string code)
    {
        var name = code.Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = name[..colon];
        }

        return name[(name.LastIndexOf('#') + 1)..];
    }

    /// <summary>JSON 1.0/1.1: <c>__type</c> in the body, else the <c>x-amzn-ErrorType</c> header.</summary>
    public static AwsError FromJson(int status, IReadOnlyDictionary<string, string> headers, string body, string? reason = null)
    {
        var json = ReadObject(body);
        var code = Text(json?["__type"]) ?? Header(headers, ErrorTypeHeader) ?? Text(json?["code"]);
        return Build(code, Text(json?["message"] ?? json?["Message"]), status, headers, reason) with { Body = json };
    }

    /// <summary>REST-JSON: the <c>x-amzn-ErrorType</c> header first (the body may carry only a message), else the body.</summary>
    public static AwsError FromRestJson(int status, IReadOnlyDictionary<string, string> headers, string body, string? reason = null)
    {
        var json = ReadObject(body);
        var code = Header(headers, ErrorTypeHeader) ?? Text(json?["code"] ?? json?["Code"]) ?? Text(json?["__type"]);
        return Build(code, Text(json?["message"] ?? json?["Message"]), status, headers, reason);
    }

    /// <summary>Query (SNS, IAM...): <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>.</summary>
    public static AwsError FromQuery(int status, IReadOnlyDictionary<string, string> headers, string body, string? reason = null)
    {
        XElement? root = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                root = XDocument.Parse(body).Root;
            }
            catch (XmlException)
            {
                // Not XML: the status stands in for the code below.
            }
        }

        var error = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        string? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        var requestId = Child(root, "RequestId");
        var result = Build(Child(error, "Code"), Child(error, "Message"), status, headers, reason);
        return requestId is null ? result : result with { RequestId = requestId };
    }

    /// <summary>
    /// Throttling, whatever the service calls it; such an answer is retried (if the request is idempotent) even
    /// when its status is 400.
    /// </summary>
    public static bool IsThrottling(string code) => code is "ThrottlingException" or "Throttling" or "ThrottledException"
        or "TooManyRequestsException" or "RequestLimitExceeded" or "RequestThrottled" or "RequestThrottledException"
        or "ProvisionedThroughputExceededException" or "SlowDown" or "PriorRequestNotComplete" or "LimitExceededException";

    /// <summary>The headers of a response as one case-insensitive dictionary (first value of each).</summary>
    public static IReadOnlyDictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            headers.TryAdd(name, values.FirstOrDefault() ?? string.Empty);
        }

        return headers;
    }

    private static AwsError Build(string? code, string? message, int status, IReadOnlyDictionary<string, string> headers, string? reason) =>
        new(
            code is { Length: > 0 } ? Sanitize(code) : status == 429 ? "TooManyRequestsException" : "UnknownError",
            message ?? reason ?? "no message",
            status,
            Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id"));

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static JsonObject? ReadObject(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy): the status stands in for the code.
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
