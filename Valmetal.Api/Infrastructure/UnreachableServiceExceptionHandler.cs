using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// A service the API calls (DynamoDB, S3, the user pool) that gives no answer is a 503 that says to try again, not a
/// 500: the request was fine, and so is the API. Which service failed, and how, goes to the log, not to the caller.
/// </summary>
public sealed partial class UnreachableServiceExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnreachableServiceExceptionHandler> logger)
    : IExceptionHandler
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(UnreachableServiceExceptionHandler));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsNoAnswer(exception))
        {
            return false;
        }

        LogUnreachable(logger, exception.Message);
        return await WriteAsync(problemDetails, httpContext, exception);
    }

    /// <summary>The answer for a service that did not answer, also for handlers of one service's errors.</summary>
    internal static ValueTask<bool> WriteAsync(IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception) =>
        QueryTimeoutExceptionHandler.WriteUnavailableAsync(problemDetails, httpContext, exception, Text["Title"], Text["Detail"]);

    /// <summary>
    /// No connection, as the AWS SDK reports it after its retries: the transport's exception, bare or wrapped. The
    /// signed-HTTP clients report theirs as their service's exception (<see cref="AwsServiceExceptionHandler{TException}"/>).
    /// </summary>
    internal static bool IsNoAnswer(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        Amazon.Runtime.AmazonServiceException { InnerException: HttpRequestException { StatusCode: null } } => true,
        _ => false,
    };

    [LoggerMessage(LogLevel.Warning, "A service the API depends on did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
