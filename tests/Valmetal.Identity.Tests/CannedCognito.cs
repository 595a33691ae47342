using System.Net;
using System.Text;

namespace Valmetal.Identity.Tests;

/// <summary>Answers every call with one canned response shaped as the Cognito JSON protocol sends it, and records the calls.</summary>
public sealed class CannedCognito(HttpStatusCode status, string body, string contentType = "application/x-amz-json-1.1") : HttpMessageHandler
{
    public List<string> Targets { get; } = [];

    public Dictionary<string, string> Headers { get; } = [];

    public static CannedCognito Error(string type, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""");

    public CognitoApiClient Client() => new(new HttpClient(this) { BaseAddress = new Uri("http://cognito.test") });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Targets.Add(request.Headers.GetValues("X-Amz-Target").Single());
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (name, value) in Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return Task.FromResult(response);
    }
}
