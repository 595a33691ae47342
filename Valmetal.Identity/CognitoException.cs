namespace Valmetal.Identity;

/// <summary>An error answered by Cognito: <c>Type</c> is its <c>__type</c>, such as NotAuthorizedException.</summary>
public sealed class CognitoException(string type, string message, int statusCode)
    : Exception($"{type}: {message}")
{
    public string Type { get; } = type;
    public string CognitoMessage { get; } = message;
    public int StatusCode { get; } = statusCode;
}
