using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp;

/// <summary>
/// The AWS REST-JSON protocol (IoT, Lambda, API Gateway...): the operation is the method and a path whose labels hold
/// input values, other inputs go in the query string or in headers, the rest in a JSON body; errors name themselves in
/// the <c>x-amzn-ErrorType</c> header. Values are percent-encoded as AWS's SDKs do (RFC 3986: everything but
/// letters, digits and <c>-._~</c>), so a name with a space or a colon reaches the same resource.
/// </summary>
public sealed class AwsRestJsonProtocol
{
    private readonly HttpMethod _method;
    private readonly StringBuilder _path;
    private readonly List<(string Name, string Value)> _query = [];
    private readonly List<(string Name, string Value)> _headers = [];
    private JsonObject? _body;

    private AwsRestJsonProtocol(HttpMethod method, string pathTemplate)
    {
        _method = method;
        _path = new StringBuilder(pathTemplate);
    }

    /// <summary>A request to <paramref name="pathTemplate"/>, whose <c>{label}</c>s <see cref="Label"/> fills.</summary>
    public static AwsRestJsonProtocol Request(HttpMethod method, string pathTemplate) => new(method, pathTemplate);

    public AwsRestJsonProtocol Label(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        var placeholder = "{" + name + "}";
        if (!_path.ToString().Contains(placeholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path has no label {placeholder}.", nameof(name));
        }

        _path.Replace(placeholder, Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Adds a query parameter; a null value is left out, as the SDKs leave out an absent member.</summary>
    public AwsRestJsonProtocol Query(string name, string? value)
    {
        if (value is not null)
        {
            _query.Add((name, value));
        }

        return this;
    }

    public AwsRestJsonProtocol Header(string name, string? value)
    {
        if (value is not null)
        {
            _headers.Add((name, value));
        }

        return this;
    }

    /// <summary>The JSON body; without one the request has no content, as the SDKs send it.</summary>
    public AwsRestJsonProtocol Body(JsonObject body)
    {
        _body = body;
        return this;
    }

    public HttpRequestMessage Build()
    {
        var path = _path.ToString();
        if (path.Contains('{', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The path {path} has a label left unfilled.");
        }

        var query = string.Join('&', _query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value)));
        var request = new HttpRequestMessage(_method, new Uri(query.Length == 0 ? path : path + "?" + query, UriKind.Relative));
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(_body.ToJsonString()));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    /// <summary>Sends the request; a success answers its JSON object (empty for an empty body), an error throws.</summary>
    public static Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, Func<AwsError, Exception> toException, CancellationToken ct) =>
        AwsJsonResponses.SendAsync(http, request, AwsErrors.FromRestJson, toException, ct);
}
