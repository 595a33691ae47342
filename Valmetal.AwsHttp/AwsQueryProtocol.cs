using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Valmetal.AwsHttp;

/// <summary>
/// The AWS query protocol (SNS, SQS's old form, IAM, STS): every operation is a POST to "/" with a form body holding
/// <c>Action</c>, <c>Version</c> and the input flattened to <c>Name.member.N</c> / <c>Name.entry.N.Key</c> pairs; the
/// answer is XML with the output in <c>{Action}Result</c>, and errors come in an <c>ErrorResponse</c> envelope.
/// </summary>
public static class AwsQueryProtocol
{
    public const string ContentType = "application/x-www-form-urlencoded";

    /// <summary>A form body in the given order, values percent-encoded as the SDKs do (RFC 3986).</summary>
    public static HttpRequestMessage CreateRequest(string action, string version, IEnumerable<(string Name, string Value)> parameters)
    {
        var pairs = new[] { ("Action", action), ("Version", version) }.Concat(parameters)
            .Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2));
        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('&', pairs))),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return request;
    }

    /// <summary>Sends the request; a success answers its <c>{action}Result</c> element (empty if absent), an error throws.</summary>
    public static async Task<XElement> SendAsync(HttpClient http, HttpRequestMessage request, string action, Func<AwsError, Exception> toException, CancellationToken ct)
    {
        var (status, body) = await AwsExchange.SendAsync(http, request, AwsErrors.FromQuery, toException, ct);
        try
        {
            var root = XDocument.Parse(body).Root;
            return root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result") ?? new XElement(action + "Result");
        }
        catch (XmlException ex)
        {
            throw toException(new AwsError("UnreadableResponse", $"answered {status} with unreadable XML: {ex.Message}", status, null));
        }
    }

    /// <summary>The text of a direct child, by local name (the answer's elements carry the service's namespace).</summary>
    public static string? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
