using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

/// <summary>
/// Turns a Cognito error into the answer the caller can act on: 409 exists or wrong state, 400 refused value or
/// password, 429 slow down, 404 no such user. Anything else is Cognito's failure or ours with Cognito (our own
/// credentials refused, a missing pool), so it is 502 and its message stays in the log.
/// </summary>
public sealed partial class CognitoExceptionHandler(IProblemDetailsService problemDetails, ILogger<CognitoExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CognitoException error)
        {
            return false;
        }

        var problem = ToProblem(error);
        if (problem.Status == StatusCodes.Status502BadGateway)
        {
            LogUpstreamFailure(logger, error.Type, error.StatusCode, error.CognitoMessage);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        problem.Extensions["cognitoError"] = error.Type;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    public static ProblemDetails ToProblem(CognitoException error) => error switch
    {
        CognitoAlreadyExistsException => Problem(StatusCodes.Status409Conflict, "User exists", error.CognitoMessage),
        CognitoUserStateException => Problem(StatusCodes.Status409Conflict, "User state does not allow this", error.CognitoMessage),
        CognitoInvalidPasswordException => Problem(StatusCodes.Status400BadRequest, "Password does not meet the policy", error.CognitoMessage),
        CognitoInvalidParameterException => Problem(StatusCodes.Status400BadRequest, "Refused by the user directory", error.CognitoMessage),
        CognitoThrottledException => Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            "The user directory is limiting requests. Try again in a moment."),
        CognitoUserNotFoundException => Problem(StatusCodes.Status404NotFound, "No such user", "The user directory has no such user."),
        _ => Problem(StatusCodes.Status502BadGateway, "User directory failed",
            "The user directory (Cognito) did not complete the request. Try again later; if it persists, an administrator should check the logs."),
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(LogLevel.Error, "Cognito failed: {Type} (HTTP {Status}): {Message}")]
    private static partial void LogUpstreamFailure(ILogger logger, string type, int status, string message);
}
