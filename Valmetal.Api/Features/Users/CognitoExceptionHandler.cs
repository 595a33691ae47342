using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
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
    private static readonly IStringLocalizer Text = ApiText.For(typeof(CognitoExceptionHandler));

    protected override string ErrorMember => "cognitoError";

    protected override ProblemDetails Describe(CognitoException error) => ToProblem(error);

    public static ProblemDetails ToProblem(CognitoException error) => error switch
    {
        CognitoAlreadyExistsException => Problem(StatusCodes.Status409Conflict, Text["UserExists"], error.CognitoMessage),
        CognitoUserStateException => Problem(StatusCodes.Status409Conflict, Text["UserState"], error.CognitoMessage),
        CognitoInvalidPasswordException => Problem(StatusCodes.Status400BadRequest, Text["PasswordPolicy"], error.CognitoMessage),
        CognitoInvalidParameterException => Problem(StatusCodes.Status400BadRequest, Text["Refused"], error.CognitoMessage),
        CognitoThrottledException => Problem(StatusCodes.Status429TooManyRequests, Text["Throttled"], Text["ThrottledDetail"]),
        CognitoUserNotFoundException => Problem(StatusCodes.Status404NotFound, Text["NoSuchUser"], Text["NoSuchUserDetail"]),
        _ => Problem(StatusCodes.Status502BadGateway, Text["Failed"], Text["FailedDetail"]),
    };
}
