namespace Valmetal.AwsHttp.Sns;

/// <summary>An error answered by SNS, sorted by <see cref="SnsErrors.From"/> into what a sender does next.</summary>
public abstract class SnsException(AwsError error) : AwsServiceException(error);

/// <summary>Sending again will fail again: a malformed number, a message too long, an opted-out phone, a sender id refused.</summary>
public sealed class SnsRejectedException(AwsError error) : SnsException(error);

/// <summary>A rate or spending limit was reached; the same message may go later.</summary>
public sealed class SnsThrottledException(AwsError error) : SnsException(error);

/// <summary>The task role may not publish, or the credentials were refused.</summary>
public sealed class SnsNotAuthorizedException(AwsError error) : SnsException(error);

/// <summary>SNS failed, was unreachable, answered something unreadable, or an error no other kind covers.</summary>
public sealed class SnsServiceException(AwsError error) : SnsException(error);

/// <summary>The errors of SNS's Publish (its query-protocol <c>Code</c>) and those common to all AWS APIs.</summary>
public static class SnsErrors
{
    public static SnsException From(AwsError error) => error.Code switch
    {
        "InvalidParameter" or "InvalidParameterValue" or "ParameterValueInvalid" or "OptedOut" or "EndpointDisabled"
            or "ValidationException" or "InvalidSecurity" => new SnsRejectedException(error),
        "Throttled" or "KMSThrottling" => new SnsThrottledException(error),
        "AuthorizationError" or "AccessDenied" or "AccessDeniedException" or "InvalidClientTokenId" or "SignatureDoesNotMatch"
            or "IncompleteSignature" or "MissingAuthenticationToken" or "ExpiredToken" => new SnsNotAuthorizedException(error),
        _ when AwsErrors.IsThrottling(error.Code) || error.StatusCode == 429 => new SnsThrottledException(error),
        _ => new SnsServiceException(error),
    };
}
