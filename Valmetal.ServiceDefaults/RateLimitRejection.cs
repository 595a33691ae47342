using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>How every Valmetal service refuses a request over a limit: 429 problem details with Retry-After in seconds.</summary>
public static class RateLimitRejection
{
    public static IResult Result(RateLimitLease lease, TimeSpan fallbackRetryAfter, string detail)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallbackRetryAfter;
        return new Rejection(Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)), detail);
    }

    private sealed class Rejection(int retryAfterSeconds, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"{detail} Try again in {retryAfterSeconds} s.").ExecuteAsync(httpContext);
        }
    }
}
