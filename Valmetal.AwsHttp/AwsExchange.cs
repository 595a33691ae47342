using Polly.Timeout;

namespace Valmetal.AwsHttp;

/// <summary>
/// One call to an AWS service, whatever its protocol: the body of a successful answer, or the service's typed exception
/// for an error answer and for no answer at all, so callers never see a transport exception.
/// </summary>
internal static class AwsExchange
{
    public delegate AwsError ErrorReader(int status, IReadOnlyDictionary<string, string> headers, string body, string? reason);

    /// <summary>The codes of the errors that stand for no answer, after the client's retries: no connection, or none in time.</summary>
    public const string Unreachable = "Unreachable";

    public const string Timeout = "Timeout";

    public static async Task<(int Status, string Body)> SendAsync(
        HttpClient http, HttpRequestMessage request, ErrorReader readError, Func<AwsError, Exception> toException, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw toException(new AwsError(Unreachable, $"no connection to {request.RequestUri?.Host}: {ex.Message}", 503, null));
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // The attempt timeout of AwsHttpClientBuilderExtensions ends a call with Polly's exception, HttpClient's
            // own timeout with a cancellation nobody asked for: either way the service did not answer.
            throw toException(new AwsError(Timeout, $"no answer in time from {request.RequestUri?.Host}", 504, null));
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw toException(readError(status, AwsErrors.Headers(response), body, response.ReasonPhrase));
            }

            return (status, body);
        }
    }
}
