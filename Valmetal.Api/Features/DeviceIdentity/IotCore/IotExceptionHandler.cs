using Microsoft.AspNetCore.Mvc;
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
    protected override string ErrorMember => "iotError";

    protected override ProblemDetails Describe(IotException error) => ToProblem(error);

    public static ProblemDetails ToProblem(IotException error) => error switch
    {
        IotAlreadyExistsException => Problem(StatusCodes.Status409Conflict, "Device registry has it otherwise", error.AwsMessage),
        IotConflictException => Problem(StatusCodes.Status409Conflict, "Device registry state does not allow this", error.AwsMessage),
        IotInvalidRequestException => Problem(StatusCodes.Status400BadRequest, "Refused by the device registry", error.AwsMessage),
        IotThrottledException => Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            "The device registry is limiting requests. Try again in a moment."),
        _ => Problem(StatusCodes.Status502BadGateway, "Device registry failed",
            "The device registry (AWS IoT Core) did not complete the request. Try again later; if it persists, an administrator should check the logs."),
    };
}
