namespace Valmetal.Identity;

/// <summary>
/// An error answered by Cognito: <c>Type</c> is its <c>__type</c>, such as NotAuthorizedException. Callers catch the
/// subclasses <see cref="CognitoErrors.From"/> sorts errors into; the type name stays for finer distinctions.
/// </summary>
public class CognitoException(string type, string message, int statusCode)
    : Exception($"{type}: {message}")
{
    public string Type { get; } = type;
    public string CognitoMessage { get; } = message;
    public int StatusCode { get; } = statusCode;
}

/// <summary>The user (or alias, or group) to create exists already.</summary>
public sealed class CognitoAlreadyExistsException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>The password breaks the user pool's password policy or history rule.</summary>
public sealed class CognitoInvalidPasswordException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>A value in the request was refused (an attribute's format, a code, a trigger's verdict on the input).</summary>
public sealed class CognitoInvalidParameterException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>A rate or quota was exceeded; the same call may succeed later.</summary>
public sealed class CognitoThrottledException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>No such user in the pool.</summary>
public sealed class CognitoUserNotFoundException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>The user exists but its state forbids the operation (unconfirmed, must reset its password, being imported).</summary>
public sealed class CognitoUserStateException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>The caller's credentials were refused: a wrong password at sign-in, or the service's own rights for admin calls.</summary>
public sealed class CognitoNotAuthorizedException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);

/// <summary>Cognito failed, was unreachable, answered something unreadable, or an error no other kind covers.</summary>
public sealed class CognitoServiceException(string type, string message, int statusCode)
    : CognitoException(type, message, statusCode);
