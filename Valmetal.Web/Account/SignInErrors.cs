using Microsoft.Extensions.Localization;
using Valmetal.Identity;

namespace Valmetal.Web.Account;

/// <summary>Short codes carried in the sign-in page's query string, and what the user is told for each, in their language.</summary>
public sealed class SignInErrors(IStringLocalizer<SignInErrors> text)
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

    public string? Message(string? code) => code switch
    {
        WrongCredentials => text["WrongCredentials"].Value,
        LockedOut => text["LockedOut"].Value,
        Disabled => text["AccountDisabled"].Value,
        Expired => text["SessionExpired"].Value,
        Missing => text["MissingCredentials"].Value,
        Unavailable => text["SignInUnavailable"].Value,
        PasswordsDiffer => text["PasswordsDiffer"].Value,
        Policy => text["WeakPassword", PasswordRules.MinLength].Value,
        WrongCode => text["WrongCode"].Value,
        ResetRequired => text["ResetRequired"].Value,
        _ => null,
    };

    /// <summary>What a new password needs, under the forms that set one.</summary>
    public string PasswordRule => text["PasswordRule", PasswordRules.MinLength];

    /// <summary>Cognito answers NotAuthorizedException for several cases; its message tells them apart.</summary>
    public static string FromCognito(CognitoException error) => error.Type switch
    {
        // "Password attempts exceeded": the only refusal of the kind that says "exceeded".
        "NotAuthorizedException" when error.CognitoMessage.Contains("exceeded", StringComparison.OrdinalIgnoreCase) => LockedOut,
        "NotAuthorizedException" when error.CognitoMessage.Contains("disabled", StringComparison.OrdinalIgnoreCase) => Disabled,
        "NotAuthorizedException" or "InvalidPasswordException" or "UserNotFoundException" or "UserNotConfirmedException" => WrongCredentials,
        "TooManyRequestsException" or "LimitExceededException" => LockedOut,
        _ => Unavailable,
    };
}
