using System.Collections.Frozen;
using Valmetal.AwsHttp;

namespace Valmetal.Identity;

/// <summary>
/// Sorts every error of the Cognito user pools API (its <c>__type</c>, including the errors common to all AWS APIs)
/// into the exception kinds of <see cref="CognitoException"/>. An error not listed is a <see cref="CognitoServiceException"/>
/// unless its HTTP status says throttling.
/// </summary>
public static class CognitoErrors
{
    private static readonly FrozenDictionary<string, Func<string, string, int, string?, CognitoException>> Kinds = new Dictionary<string, Func<string, string, int, string?, CognitoException>>
    {
        ["UsernameExistsException"] = (t, m, s, r) => new CognitoAlreadyExistsException(t, m, s, r),
        ["AliasExistsException"] = (t, m, s, r) => new CognitoAlreadyExistsException(t, m, s, r),
        ["GroupExistsException"] = (t, m, s, r) => new CognitoAlreadyExistsException(t, m, s, r),
        ["DuplicateProviderException"] = (t, m, s, r) => new CognitoAlreadyExistsException(t, m, s, r),
        ["InvalidPasswordException"] = (t, m, s, r) => new CognitoInvalidPasswordException(t, m, s, r),
        ["PasswordHistoryPolicyViolationException"] = (t, m, s, r) => new CognitoInvalidPasswordException(t, m, s, r),
        ["InvalidParameterException"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["CodeMismatchException"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["ExpiredCodeException"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["EnableSoftwareTokenMFAException"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["UserLambdaValidationException"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["ValidationError"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["ValidationException"] = (t, m, s, r) => new CognitoInvalidParameterException(t, m, s, r),
        ["TooManyRequestsException"] = (t, m, s, r) => new CognitoThrottledException(t, m, s, r),
        ["LimitExceededException"] = (t, m, s, r) => new CognitoThrottledException(t, m, s, r),
        ["TooManyFailedAttemptsException"] = (t, m, s, r) => new CognitoThrottledException(t, m, s, r),
        ["ThrottlingException"] = (t, m, s, r) => new CognitoThrottledException(t, m, s, r),
        ["RequestLimitExceeded"] = (t, m, s, r) => new CognitoThrottledException(t, m, s, r),
        ["UserNotFoundException"] = (t, m, s, r) => new CognitoUserNotFoundException(t, m, s, r),
        ["UserNotConfirmedException"] = (t, m, s, r) => new CognitoUserStateException(t, m, s, r),
        ["PasswordResetRequiredException"] = (t, m, s, r) => new CognitoUserStateException(t, m, s, r),
        ["UnsupportedUserStateException"] = (t, m, s, r) => new CognitoUserStateException(t, m, s, r),
        ["SoftwareTokenMFANotFoundException"] = (t, m, s, r) => new CognitoUserStateException(t, m, s, r),
        ["UserImportInProgressException"] = (t, m, s, r) => new CognitoUserStateException(t, m, s, r),
        ["NotAuthorizedException"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["AccessDeniedException"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["UnrecognizedClientException"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["InvalidClientTokenId"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["IncompleteSignature"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["MissingAuthenticationToken"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["RequestExpired"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
        ["ForbiddenException"] = (t, m, s, r) => new CognitoNotAuthorizedException(t, m, s, r),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The exception for an error answer. <paramref name="type"/> may be qualified as AWS sends it
    /// (<c>com.amazonaws.cognito.identity.idp.model#UserNotFoundException</c>, or with a <c>:</c> suffix).
    /// </summary>
    public static CognitoException From(string type, string message, int statusCode) =>
        From(new AwsError(AwsErrors.Sanitize(type), message, statusCode, null));

    /// <summary>The exception for an error Valmetal.AwsHttp read from the answer (its code already bare).</summary>
    public static CognitoException From(AwsError error)
    {
        var name = AwsErrors.Sanitize(error.Code);
        if (Kinds.TryGetValue(name, out var create))
        {
            return create(name, error.Message, error.StatusCode, error.RequestId);
        }

        return error.StatusCode == 429
            ? new CognitoThrottledException(name, error.Message, error.StatusCode, error.RequestId)
            : new CognitoServiceException(name, error.Message, error.StatusCode, error.RequestId);
    }
}
