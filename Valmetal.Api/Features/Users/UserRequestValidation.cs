using System.Net.Mail;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

public static class UserRequestValidation
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(UsersApi));

    public const int MaxFarmsPerUser = 500;
    public const int MaxPasswordLength = 128;

    public static Dictionary<string, string[]> Validate(InviteUserRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254 || Validation.HasControlCharacters(request.Email)
            || !MailAddress.TryCreate(request.Email, out _))
        {
            errors["email"] = [Text["EmailInvalid", 254]];
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 100 || Validation.HasControlCharacters(request.DisplayName))
        {
            errors["displayName"] = [Text["DisplayNameInvalid", 100]];
        }

        AddRoleError(errors, request.Role);
        AddFarmsError(errors, request.FarmIds);
        if (request.InitialPassword is { } password
            && (password.Length < PasswordRules.MinLength || password.Length > MaxPasswordLength || Validation.HasControlCharacters(password)))
        {
            errors["initialPassword"] = [Text["PasswordLength", PasswordRules.MinLength, MaxPasswordLength]];
        }

        return errors;
    }

    public static void AddRoleError(Dictionary<string, string[]> errors, string? role)
    {
        if (role is null || !CognitoGroups.All.Contains(role))
        {
            errors["role"] = [Text["RoleUnknown", string.Join(", ", CognitoGroups.All)]];
        }
    }

    public static void AddFarmsError(Dictionary<string, string[]> errors, IReadOnlyList<Guid>? farmIds)
    {
        if (farmIds is { Count: > MaxFarmsPerUser })
        {
            errors["farmIds"] = [Text["TooManyFarms", MaxFarmsPerUser]];
        }
    }
}
