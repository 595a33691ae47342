using Valmetal.AwsHttp;

namespace Valmetal.Api.Features.DeviceIdentity.IotCore;

/// <summary>An error answered by AWS IoT's control plane, sorted by <see cref="IotErrors.From"/> into the kinds callers act on.</summary>
public abstract class IotException(AwsError error) : AwsServiceException(error);

/// <summary>No such thing, certificate or policy.</summary>
public sealed class IotNotFoundException(AwsError error) : IotException(error);

/// <summary>The resource exists with another configuration (a thing of another type, a policy version...).</summary>
public sealed class IotAlreadyExistsException(AwsError error) : IotException(error);

/// <summary>The resource's state forbids the change: a certificate still attached or active, a version that moved on.</summary>
public sealed class IotConflictException(AwsError error) : IotException(error);

/// <summary>A value in the request was refused.</summary>
public sealed class IotInvalidRequestException(AwsError error) : IotException(error);

/// <summary>A rate or quota was exceeded; the same call may succeed later.</summary>
public sealed class IotThrottledException(AwsError error) : IotException(error);

/// <summary>The caller's credentials or rights were refused: the task role lacks the action.</summary>
public sealed class IotNotAuthorizedException(AwsError error) : IotException(error);

/// <summary>IoT failed, was unreachable, answered something unreadable, or an error no other kind covers.</summary>
public sealed class IotServiceException(AwsError error) : IotException(error);

/// <summary>The errors of the IoT API reference (its <c>x-amzn-ErrorType</c>) and those common to all AWS APIs.</summary>
public static class IotErrors
{
    public static IotException From(AwsError error) => error.Code switch
    {
        "ResourceNotFoundException" => new IotNotFoundException(error),
        "ResourceAlreadyExistsException" => new IotAlreadyExistsException(error),
        "CertificateStateException" or "DeleteConflictException" or "VersionConflictException" or "ConflictException"
            or "ConflictingResourceUpdateException" => new IotConflictException(error),
        "InvalidRequestException" or "ValidationException" or "CertificateValidationException" or "MalformedPolicyException"
            => new IotInvalidRequestException(error),
        "UnauthorizedException" or "AccessDeniedException" or "UnrecognizedClientException" or "InvalidClientTokenId"
            or "IncompleteSignature" or "MissingAuthenticationToken" or "MissingAuthenticationTokenException" or "InvalidSignatureException"
            or "ExpiredTokenException"
            => new IotNotAuthorizedException(error),
        _ when AwsErrors.IsThrottling(error.Code) || error.StatusCode == 429 => new IotThrottledException(error),
        _ => new IotServiceException(error),
    };
}
