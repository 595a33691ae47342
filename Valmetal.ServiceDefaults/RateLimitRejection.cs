using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>How every Valmetal service refuses a request over a limit: problem details with Retry-After in seconds.</summary>
public static class RateLimitRejection
{
    public static IResult Result(RateLimitLease lease, TimeSpan fallbackRetryAfter, string detail) =>
        Result(lease, fallbackRetryAfter, seconds => ("Too many requests", $"{detail} Try again in {seconds} s."));

    /// <param name="describe">The title and detail for a wait of so many seconds, in the caller's language.</param>
    public static IResult Result(RateLimitLease lease, TimeSpan fallbackRetryAfter, Func<int, (string Title, string Detail)> describe)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallbackRetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var (title, detail) = describe(seconds);
        return new Rejection(StatusCodes.Status429TooManyRequests, seconds, title, detail);
    }

    /// <summary>A replica too busy to take the request: 503 problem details with Retry-After in seconds.</summary>
    public static IResult Busy(int retryAfterSeconds, string title, string detail) =>
        new Rejection(StatusCodes.Status503ServiceUnavailable, retryAfterSeconds, title, detail);

    private sealed class Rejection(int status, int retryAfterSeconds, string title, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(httpContext);
        }
    }
}
