using Valmetal.AwsHttp;

namespace Valmetal.Identity;

/// <summary>
/// An error answered by Cognito: <c>Type</c> is its <c>__type</c>, such as NotAuthorizedException. Callers catch the
/// subclasses <see cref="CognitoErrors.From(AwsError)"/> sorts errors into; the type name stays for finer distinctions.
/// It is an <see cref="AwsServiceException"/>, so code status and request id read the same for every AWS client.
/// </summary>
public class CognitoException(string type, string message, int statusCode, string? requestId = null)
    : AwsServiceException(new AwsError(type, message, statusCode, requestId))
{
    public string Type => Code;
    public string CognitoMessage => AwsMessage;
}

/// <summary>The user (or alias, or group) to create exists already.</summary>
public sealed class CognitoAlreadyExistsException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>The password breaks the user pool's password policy or history rule.</summary>
public sealed class CognitoInvalidPasswordException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>A value in the request was refused (an attribute's format, a code, a trigger's verdict on the input).</summary>
public sealed class CognitoInvalidParameterException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>A rate or quota was exceeded; the same call may succeed later.</summary>
public sealed class CognitoThrottledException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>No such user in the pool.</summary>
public sealed class CognitoUserNotFoundException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>The user exists but its state forbids the operation (unconfirmed, must reset its password, being imported).</summary>
public sealed class CognitoUserStateException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>The caller's credentials were refused: a wrong password at sign-in, or the service's own rights for admin calls.</summary>
public sealed class CognitoNotAuthorizedException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);

/// <summary>Cognito failed, was unreachable, answered something unreadable, or an error no other kind covers.</summary>
public sealed class CognitoServiceException(string type, string message, int statusCode, string? requestId = null)
    : CognitoException(type, message, statusCode, requestId);
