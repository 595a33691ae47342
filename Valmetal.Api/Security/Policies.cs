using Valmetal.Identity;

namespace Valmetal.Api.Security;

public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(CognitoGroups.Admins));
        options.AddPolicy(Staff, p => p.RequireRole(CognitoGroups.Admins, CognitoGroups.Technicians));
    }
}
