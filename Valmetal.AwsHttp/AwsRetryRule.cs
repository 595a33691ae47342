using System.Net;
using Polly;

namespace Valmetal.AwsHttp;

/// <summary>
/// When a request is sent again: only if the client marked it <see cref="AwsRequestMarks.Idempotent"/>, and only for
/// throttling (429, or a throttling code with 400), a 5xx, a lost connection or an attempt's timeout. A create
/// without a client token is never repeated: its first attempt may have succeeded before the answer was lost.
/// </summary>
public static class AwsRetryRule
{
    public static async ValueTask<bool> ShouldRetryAsync(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (request is null || !request.IsIdempotent())
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutException
                or Polly.Timeout.TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status == 429 || status >= 500)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        // A 400 is throttling only by its code, which JSON services put in the body.
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        var headers = AwsErrors.Headers(response);
        var code = IsXml(response, body)
            ? AwsErrors.FromQuery(status, headers, body).Code
            : AwsErrors.FromJson(status, headers, body).Code;
        return AwsErrors.IsThrottling(code);
    }

    private static bool IsXml(HttpResponseMessage response, string body) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true
        || body.TrimStart().StartsWith('<');

}
