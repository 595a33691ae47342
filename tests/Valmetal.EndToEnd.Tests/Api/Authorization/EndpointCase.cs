using System.Net.Http.Json;

namespace Valmetal.EndToEnd.Tests.Api.Authorization;

/// <summary>One API operation, what each caller must get, and how to build a valid request for own or foreign data.</summary>
public sealed record EndpointCase(string Method, string Route, Expectation Expect, Func<MatrixData, Target, Task<HttpRequestMessage>> Build)
{
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
