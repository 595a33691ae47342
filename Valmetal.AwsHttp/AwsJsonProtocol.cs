using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp;

/// <summary>
/// The AWS JSON protocol (1.0 for DynamoDB-style services, 1.1 for Cognito, Timestream...): every operation is a POST
/// to "/" with <c>X-Amz-Target: {prefix}.{operation}</c> and a JSON body; errors name themselves in <c>__type</c>.
/// </summary>
public static class AwsJsonProtocol
{
    public const string TargetHeader = "X-Amz-Target";

    public static HttpRequestMessage CreateRequest(string targetPrefix, string operation, JsonObject body, string version = "1.1")
    {
        if (version is not ("1.0" or "1.1"))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "The AWS JSON protocol has versions 1.0 and 1.1.");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{version}");
        request.Headers.TryAddWithoutValidation(TargetHeader, $"{targetPrefix}.{operation}");
        return request;
    }

    /// <summary>Sends the request; a success answers its JSON object (empty for an empty body), an error throws.</summary>
    public static Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, Func<AwsError, Exception> toException, CancellationToken ct) =>
        AwsJsonResponses.SendAsync(http, request, AwsErrors.FromJson, toException, ct);
}
