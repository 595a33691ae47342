using Microsoft.AspNetCore.Mvc;
using Valmetal.Api.Infrastructure;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

/// <summary>
/// Turns a Cognito error into the answer the caller can act on: 409 exists or wrong state, 400 refused value or
/// password, 429 slow down, 404 no such user. Anything else is Cognito's failure or ours with Cognito (our own
/// credentials refused, a missing pool), so it is 502 and its message stays in the log.
/// </summary>
public sealed class CognitoExceptionHandler(IProblemDetailsService problemDetails, ILogger<CognitoExceptionHandler> logger)
    : AwsServiceExceptionHandler<CognitoException>(problemDetails, logger)
{
    protected override string ErrorMember => "cognitoError";

    protected override ProblemDetails Describe(CognitoException error) => ToProblem(error);

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
}
