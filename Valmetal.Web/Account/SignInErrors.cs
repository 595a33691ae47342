using Valmetal.Identity;

namespace Valmetal.Web.Account;

/// <summary>Short codes carried in the sign-in page's query string, and what the user is told for each.</summary>
public static class SignInErrors
{
    public const string WrongCredentials = "credentials";
    public const string LockedOut = "locked";
    public const string Disabled = "disabled";
    public const string Expired = "expired";
    public const string Missing = "missing";
    public const string Unavailable = "unavailable";
    public const string PasswordsDiffer = "differ";
    public const string Policy = "policy";
    public const string WrongCode = "code";
    public const string ResetRequired = "reset";

    public static string? Message(string? code) => code switch
    {
        WrongCredentials => "Wrong e-mail or password.",
        LockedOut => "Too many failed attempts: sign-in is locked for a while. Try again later or ask your administrator.",
        Disabled => "This account is disabled. Ask your administrator to enable it.",
        Expired => "Your session has expired. Please sign in again.",
        Missing => "Enter your e-mail and password.",
        Unavailable => "Sign-in is unavailable right now. Try again in a moment.",
        PasswordsDiffer => "The two passwords are not the same.",
        Policy => $"That password is too weak. Use {PasswordRules.Description}.",
        WrongCode => "That code is wrong or has expired. Check it, or ask for a new one.",
        ResetRequired => "Your administrator reset your password. We e-mailed you a code: enter it with a new password.",
        _ => null,
    };

    /// <summary>Cognito answers NotAuthorizedException for several cases; its message tells them apart.</summary>
    public static string FromCognito(CognitoException error) => error.Type switch
    {
        "NotAuthorizedException" when error.CognitoMessage.Contains("attempts exceeded", StringComparison.OrdinalIgnoreCase) => LockedOut,
        "NotAuthorizedException" when error.CognitoMessage.Contains("disabled", StringComparison.OrdinalIgnoreCase) => Disabled,
        "NotAuthorizedException" or "InvalidPasswordException" or "UserNotFoundException" or "UserNotConfirmedException" => WrongCredentials,
        "TooManyRequestsException" or "LimitExceededException" => LockedOut,
        _ => Unavailable,
    };
}
