using System.Collections.Frozen;

namespace Valmetal.Identity;

/// <summary>
/// Sorts every error of the Cognito user pools API (its <c>__type</c>, including the errors common to all AWS APIs)
/// into the exception kinds of <see cref="CognitoException"/>. An error not listed is a <see cref="CognitoServiceException"/>
/// unless its HTTP status says throttling.
/// </summary>
public static class CognitoErrors
{
    private static readonly FrozenDictionary<string, Func<string, string, int, CognitoException>> Kinds = new Dictionary<string, Func<string, string, int, CognitoException>>
    {
        ["UsernameExistsException"] = (t, m, s) => new CognitoAlreadyExistsException(t, m, s),
        ["AliasExistsException"] = (t, m, s) => new CognitoAlreadyExistsException(t, m, s),
        ["GroupExistsException"] = (t, m, s) => new CognitoAlreadyExistsException(t, m, s),
        ["DuplicateProviderException"] = (t, m, s) => new CognitoAlreadyExistsException(t, m, s),
        ["InvalidPasswordException"] = (t, m, s) => new CognitoInvalidPasswordException(t, m, s),
        ["PasswordHistoryPolicyViolationException"] = (t, m, s) => new CognitoInvalidPasswordException(t, m, s),
        ["InvalidParameterException"] = (t, m, s) => new CognitoInvalidParameterException(t, m, s),
        ["CodeMismatchException"] = (t, m, s) => new CognitoInvalidParameterException(t, m, s),
        ["ExpiredCodeException"] = (t, m, s) => new CognitoInvalidParameterException(t, m, s),
        ["UserLambdaValidationException"] = (t, m, s) => new CognitoInvalidParameterException(t, m, s),
        ["ValidationError"] = (t, m, s) => new CognitoInvalidParameterException(t, m, s),
        ["ValidationException"] = (t, m, s) => new CognitoInvalidParameterException(t, m, s),
        ["TooManyRequestsException"] = (t, m, s) => new CognitoThrottledException(t, m, s),
        ["LimitExceededException"] = (t, m, s) => new CognitoThrottledException(t, m, s),
        ["TooManyFailedAttemptsException"] = (t, m, s) => new CognitoThrottledException(t, m, s),
        ["ThrottlingException"] = (t, m, s) => new CognitoThrottledException(t, m, s),
        ["RequestLimitExceeded"] = (t, m, s) => new CognitoThrottledException(t, m, s),
        ["UserNotFoundException"] = (t, m, s) => new CognitoUserNotFoundException(t, m, s),
        ["UserNotConfirmedException"] = (t, m, s) => new CognitoUserStateException(t, m, s),
        ["PasswordResetRequiredException"] = (t, m, s) => new CognitoUserStateException(t, m, s),
        ["UnsupportedUserStateException"] = (t, m, s) => new CognitoUserStateException(t, m, s),
        ["UserImportInProgressException"] = (t, m, s) => new CognitoUserStateException(t, m, s),
        ["NotAuthorizedException"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["AccessDeniedException"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["UnrecognizedClientException"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["InvalidClientTokenId"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["IncompleteSignature"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["MissingAuthenticationToken"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["RequestExpired"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
        ["ForbiddenException"] = (t, m, s) => new CognitoNotAuthorizedException(t, m, s),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The exception for an error answer. <paramref name="type"/> may be qualified as AWS sends it
    /// (<c>com.amazonaws.cognito.identity.idp.model#UserNotFoundException</c>, or with a <c>:</c> suffix).
    /// </summary>
    public static CognitoException From(string type, string message, int statusCode)
    {
        var name = type[(type.LastIndexOf('#') + 1)..];
        name = name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? name[..colon] : name;
        if (Kinds.TryGetValue(name, out var create))
        {
            return create(name, message, statusCode);
        }

        return statusCode == 429
            ? new CognitoThrottledException(name, message, statusCode)
            : new CognitoServiceException(name, message, statusCode);
    }
}
