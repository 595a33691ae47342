using System.Net.Http.Json;

namespace Valmetal.TestSupport.ApiMatrix;

/// <summary>One API operation, what each caller must get, and how to build a valid request for own or foreign data.</summary>
public sealed record EndpointCase(string Method, string Route, Expectation Expect, Func<IMatrixData, Target, Task<HttpRequestMessage>> Build)
{
    /// <summary>What a permitted call reaches besides the database.</summary>
    public Needs Needs { get; init; } = Needs.DatabaseOnly;

    public string Key => $"{Method} {Route}";

    public override string ToString() => Key;

    public static Task<HttpRequestMessage> Request(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Task.FromResult(request);
    }
}
