using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Valmetal.AwsHttp;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Answers an AWS service's error with the problem details its caller can act on (each service's handler says which).
/// A 502 is the service's failure or ours with it (credentials refused, a resource missing), so the service's own
/// message goes to the log, not to the caller. No answer at all is a 503 to try again later, as for any service.
/// </summary>
public abstract class AwsServiceExceptionHandler<TException>(IProblemDetailsService problemDetails, ILogger logger) : IExceptionHandler
    where TException : AwsServiceException
{
    /// <summary>The problem-details member that names the service's error code, such as <c>cognitoError</c>.</summary>
    protected abstract string ErrorMember { get; }

    protected abstract ProblemDetails Describe(TException error);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not TException error)
        {
            return false;
        }

        if (error.IsNoAnswer)
        {
            AwsServiceLog.NoAnswer(logger, typeof(TException).Name, error.Code, error.AwsMessage);
            return await UnreachableServiceExceptionHandler.WriteAsync(problemDetails, httpContext, exception);
        }

        var problem = Describe(error);
        if (problem.Status == StatusCodes.Status502BadGateway)
        {
            AwsServiceLog.UpstreamFailure(logger, typeof(TException).Name, error.Code, error.StatusCode, error.AwsMessage);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        problem.Extensions[ErrorMember] = error.Code;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    protected static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}

internal static partial class AwsServiceLog
{
    [LoggerMessage(LogLevel.Error, "AWS call failed ({Kind}): {Code} (HTTP {Status}): {Message}")]
    public static partial void UpstreamFailure(ILogger logger, string kind, string code, int status, string message);

    [LoggerMessage(LogLevel.Warning, "AWS call got no answer ({Kind}): {Code}: {Message}")]
    public static partial void NoAnswer(ILogger logger, string kind, string code, string message);
}
