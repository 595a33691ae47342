using Valmetal.Identity;

namespace Valmetal.Api.Security;

public enum Role
{
    None,
    Farmer,
    Technician,
    Admin,
}

public static class Roles
{
    /// <summary>The strongest of the user's Cognito groups is their role.</summary>
    public static Role FromGroups(IEnumerable<string> groups)
    {
        var set = groups.ToHashSet(StringComparer.Ordinal);
        return set.Contains(CognitoGroups.Admins) ? Role.Admin
            : set.Contains(CognitoGroups.Technicians) ? Role.Technician
            : set.Contains(CognitoGroups.Farmers) ? Role.Farmer
            : Role.None;
    }

    public static string ToGroup(this Role role) => role switch
    {
        Role.Admin => CognitoGroups.Admins,
        Role.Technician => CognitoGroups.Technicians,
        Role.Farmer => CognitoGroups.Farmers,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "has no group"),
    };
}
