using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// A query PostgreSQL stopped at its statement timeout (SQLSTATE 57014), or one the client gave up waiting for, is a
/// 503 that says what to do, not a 500: the platform is up, this question was too big for it right now.
/// </summary>
public sealed class QueryTimeoutExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsQueryTimeout(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The query took too long",
                Detail = "The database stopped this query at its time limit. Ask for a shorter range or fewer metrics, or try again later.",
            },
        });
    }

    internal static bool IsQueryTimeout(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
        || exception is NpgsqlException { InnerException: TimeoutException };
}
