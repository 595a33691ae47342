namespace Valmetal.Identity;

/// <summary>The user pool's password policy: the CDK sets it on the pool, the local pool copies it, the web app states it.</summary>
public static class PasswordRules
{
    public const int MinLength = 12;

    /// <summary>Days an invitation's temporary password stays valid.</summary>
    public const int TemporaryPasswordDays = 3;

    public static string Description { get; } =
        $"at least {MinLength} characters, with upper and lower case letters, a digit and a symbol";
}
