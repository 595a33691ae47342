namespace Valmetal.Identity;

/// <summary>The user pool's groups; they arrive in tokens as <c>cognito:groups</c> and are the platform's roles.</summary>
public static class CognitoGroups
{
    public const string Admins = "admins";
    public const string Technicians = "technicians";
    public const string Farmers = "farmers";
    public const string ClaimType = "cognito:groups";

    public static readonly IReadOnlyList<string> All = [Admins, Technicians, Farmers];
}
