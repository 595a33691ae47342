using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// A query PostgreSQL stopped at its statement timeout (SQLSTATE 57014), or one the client gave up waiting for, is a
/// 503 that says what to do, not a 500: the platform is up, this question was too big for it right now.
/// </summary>
public sealed class QueryTimeoutExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(QueryTimeoutExceptionHandler));

    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsQueryTimeout(exception))
        {
            return false;
        }

        return await WriteUnavailableAsync(problemDetails, httpContext, exception, Text["Title"], Text["Detail"]);
    }

    /// <summary>A 503 problem that tells the caller to come back in <see cref="RetryAfterSeconds"/>: the platform is up, this read was not answered.</summary>
    internal static async ValueTask<bool> WriteUnavailableAsync(
        IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception, string title, string detail)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        });
    }

    internal static bool IsQueryTimeout(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
        || exception is NpgsqlException { InnerException: TimeoutException };
}
