namespace Valmetal.AwsHttp.Ses;

/// <summary>An error answered by SES, sorted by <see cref="SesErrors.From"/> into what a sender does next.</summary>
public abstract class SesException(AwsError error) : AwsServiceException(error);

/// <summary>Sending again will fail again: an address refused, a sender not verified, the account paused.</summary>
public sealed class SesRejectedException(AwsError error) : SesException(error);

/// <summary>A sending rate or daily quota was reached; the same message may go later.</summary>
public sealed class SesThrottledException(AwsError error) : SesException(error);

/// <summary>The task role may not send, or the credentials were refused.</summary>
public sealed class SesNotAuthorizedException(AwsError error) : SesException(error);

/// <summary>SES failed, was unreachable, answered something unreadable, or an error no other kind covers.</summary>
public sealed class SesServiceException(AwsError error) : SesException(error);

/// <summary>The errors of SES v2's SendEmail (its <c>x-amzn-ErrorType</c>) and those common to all AWS APIs.</summary>
public static class SesErrors
{
    public static SesException From(AwsError error) => error.Code switch
    {
        "MessageRejected" or "MailFromDomainNotVerifiedException" or "BadRequestException" or "NotFoundException"
            or "AccountSuspendedException" or "SendingPausedException" => new SesRejectedException(error),
        "TooManyRequestsException" or "LimitExceededException" => new SesThrottledException(error),
        "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException"
            or "MissingAuthenticationTokenException" => new SesNotAuthorizedException(error),
        _ when AwsErrors.IsThrottling(error.Code) || error.StatusCode == 429 => new SesThrottledException(error),
        _ => new SesServiceException(error),
    };
}
