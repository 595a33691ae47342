using System.Collections.Frozen;

namespace Valmetal.Identity;

/// <summary>Where a sign-in stands: signed in (<see cref="Tokens"/>), or one more challenge to answer.</summary>
public sealed record SignInStep(TokenSet? Tokens, SignInChallenge? Challenge);

/// <summary>
/// A further step Cognito asks for. <see cref="Session"/> is Cognito's opaque token for this sign-in (valid three
/// minutes); it goes back with the answer and is never shown to the user.
/// </summary>
public sealed record SignInChallenge(string Name, string Session, string Username);

/// <summary>The challenges the web app answers, and the name of each one's answer in RespondToAuthChallenge.</summary>
public static class SignInChallenges
{
    /// <summary>An invited user signs in with the temporary password and must choose their own.</summary>
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";

    /// <summary>A user who enrolled an authenticator app gives its current six-digit code.</summary>
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";

    public static FrozenSet<string> Supported { get; } = new[] { NewPasswordRequired, SoftwareTokenMfa }.ToFrozenSet(StringComparer.Ordinal);

    public static string AnswerName(string challenge) => challenge switch
    {
        NewPasswordRequired => "NEW_PASSWORD",
        SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA_CODE",
        _ => throw new ArgumentOutOfRangeException(nameof(challenge), challenge, "not a challenge this app answers"),
    };
}
