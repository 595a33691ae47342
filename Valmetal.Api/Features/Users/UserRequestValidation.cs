using System.Net.Mail;
using Valmetal.Api.Infrastructure;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

public static class UserRequestValidation
{
    public const int MaxFarmsPerUser = 500;
    public const int MaxPasswordLength = 128;

    public static Dictionary<string, string[]> Validate(InviteUserRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254 || Text.HasControlCharacters(request.Email)
            || !MailAddress.TryCreate(request.Email, out _))
        {
            errors["email"] = ["must be a valid e-mail address of at most 254 characters"];
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 100 || Text.HasControlCharacters(request.DisplayName))
        {
            errors["displayName"] = ["is required, at most 100 characters, without control characters"];
        }

        AddRoleError(errors, request.Role);
        AddFarmsError(errors, request.FarmIds);
        if (request.InitialPassword is { } password
            && (password.Length < PasswordRules.MinLength || password.Length > MaxPasswordLength || Text.HasControlCharacters(password)))
        {
            errors["initialPassword"] = [$"must be {PasswordRules.MinLength} to {MaxPasswordLength} characters"];
        }

        return errors;
    }

    public static void AddRoleError(Dictionary<string, string[]> errors, string? role)
    {
        if (role is null || !CognitoGroups.All.Contains(role))
        {
            errors["role"] = [$"must be one of {string.Join(", ", CognitoGroups.All)}"];
        }
    }

    public static void AddFarmsError(Dictionary<string, string[]> errors, IReadOnlyList<Guid>? farmIds)
    {
        if (farmIds is { Count: > MaxFarmsPerUser })
        {
            errors["farmIds"] = [$"at most {MaxFarmsPerUser} farms"];
        }
    }
}
