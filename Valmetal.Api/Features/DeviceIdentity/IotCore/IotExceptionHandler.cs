using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.DeviceIdentity.IotCore;

/// <summary>
/// Turns an IoT Core error into an answer the admin can act on: 409 for a state that forbids the change (a thing of
/// another type, a certificate still attached), 400 for a value IoT refused, 429 to slow down. Anything else is IoT's
/// failure or the deployment's (the task role lacks an action, the policy or thing type is missing), so it is 502 and
/// IoT's message stays in the log.
/// </summary>
public sealed class IotExceptionHandler(IProblemDetailsService problemDetails, ILogger<IotExceptionHandler> logger)
    : AwsServiceExceptionHandler<IotException>(problemDetails, logger)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(IotExceptionHandler));

    protected override string ErrorMember => "iotError";

    protected override ProblemDetails Describe(IotException error) => ToProblem(error);

    public static ProblemDetails ToProblem(IotException error) => error switch
    {
        IotAlreadyExistsException => Problem(StatusCodes.Status409Conflict, Text["Otherwise"], error.AwsMessage),
        IotConflictException => Problem(StatusCodes.Status409Conflict, Text["State"], error.AwsMessage),
        IotInvalidRequestException => Problem(StatusCodes.Status400BadRequest, Text["Refused"], error.AwsMessage),
        IotThrottledException => Problem(StatusCodes.Status429TooManyRequests, Text["Throttled"], Text["ThrottledDetail"]),
        _ => Problem(StatusCodes.Status502BadGateway, Text["Failed"], Text["FailedDetail"]),
    };
}
