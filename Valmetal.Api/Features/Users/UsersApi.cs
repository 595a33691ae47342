using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Users;

public static class UsersApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(UsersApi));

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("me", GetMe).WithTags("Users").WithName("GetMe")
            .WithSummary("Who the caller is: role, farms and the language they chose.");
        api.MapPut("me/language", MyLanguage.Put).WithTags("Users").WithName("SetMyLanguage")
            .WithSummary("Saves the language the caller chose (en or fr-CA): pages from sign-in on and every message use it.");

        // Cognito's refusals arrive as exceptions that CognitoExceptionHandler answers; the OpenAPI document lists them.
        var users = api.MapGroup("users").WithTags("Users").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        users.MapGet("/", ListUsers).WithName("ListUsers").WithSummary("Lists every user (admins only).");
        users.MapPost("/", InviteUser).ProducesProblem(StatusCodes.Status409Conflict).WithName("InviteUser")
            .WithSummary("Creates a user in the user pool with a role and farms (admins only).");
        users.MapPut("/{sub}/role", SetRole).WithName("SetUserRole").WithSummary("Changes a user's role (admins only).");
        users.MapPut("/{sub}/farms", SetFarms).WithName("SetUserFarms").WithSummary("Sets the farms a user belongs or is assigned to (admins only).");
        users.MapPost("/{sub}/disable", Disable).WithName("DisableUser").WithSummary("Disables sign-in and API access (admins only).");
        users.MapPost("/{sub}/enable", Enable).WithName("EnableUser").WithSummary("Enables a disabled user again (admins only).");
        users.MapUserAccessApi();
        return api;
    }

    public static async Task<Ok<UserResponse>> GetMe(CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.Sub == user.Sub).Select(Projection).FirstOrDefaultAsync(ct);
        var farms = await db.Farms.AsNoTracking().VisibleTo(user).OrderBy(f => f.Name).Select(f => new FarmRef(f.Id, f.Name)).ToListAsync(ct);
        return TypedResults.Ok(new UserResponse(user.Sub, stored?.Email ?? string.Empty, stored?.DisplayName ?? string.Empty,
            user.Role.ToGroup(), user.Disabled, farms, stored?.Language));
    }

    public static async Task<Ok<List<UserResponse>>> ListUsers(ValmetalDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(Projection).ToListAsync(ct));

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> InviteUser(
        InviteUserRequest request, ValmetalDbContext db, CognitoUserAdministration cognito, TimeProvider time, CancellationToken ct)
    {
        var errors = UserRequestValidation.Validate(request);
        var farmIds = (request.FarmIds ?? []).Distinct().ToList();
        if (errors.Count == 0 && await db.Farms.CountAsync(f => farmIds.Contains(f.Id), ct) != farmIds.Count)
        {
            errors["farmIds"] = [Text["NoSuchFarm"]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var email = request.Email.Trim().ToLowerInvariant();
        if (await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            return TypedResults.Problem(title: Text["UserExists"], detail: Text["UserExistsDetail", email], statusCode: StatusCodes.Status409Conflict);
        }

        string sub;
        try
        {
            sub = await cognito.EnsureUserAsync(email, request.InitialPassword, ct);
        }
        catch (CognitoInvalidPasswordException ex)
        {
            // Only the pool knows its password policy; its words name what is missing.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["initialPassword"] = [ex.CognitoMessage] });
        }

        await cognito.SetGroupAsync(email, request.Role, ct);
        db.Users.Add(new AppUser
        {
            Sub = sub,
            Email = email,
            DisplayName = request.DisplayName.Trim(),
            Role = request.Role,
            CreatedAt = time.GetUtcNow(),
            Farms = farmIds.Select(f => new FarmMembership { UserSub = sub, FarmId = f }).ToList(),
        });
        await db.SaveChangesAsync(ct);
        var created = await db.Users.AsNoTracking().Where(u => u.Sub == sub).Select(Projection).FirstAsync(ct);
        return TypedResults.Created($"/api/users/{sub}", created);
    }

    public static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem>> SetRole(
        string sub, SetRoleRequest request, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        UserRequestValidation.AddRoleError(errors, request.Role);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Sub == sub, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        await cognito.SetGroupAsync(user.Email, request.Role, ct);
        user.Role = request.Role;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.Users.AsNoTracking().Where(u => u.Sub == sub).Select(Projection).FirstAsync(ct));
    }

    public static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem>> SetFarms(
        string sub, SetFarmsRequest request, ValmetalDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        UserRequestValidation.AddFarmsError(errors, request.FarmIds);
        var farmIds = (request.FarmIds ?? []).Distinct().ToList();
        if (errors.Count == 0 && await db.Farms.CountAsync(f => farmIds.Contains(f.Id), ct) != farmIds.Count)
        {
            errors["farmIds"] = [Text["NoSuchFarm"]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = await db.Users.Include(u => u.Farms).FirstOrDefaultAsync(u => u.Sub == sub, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        user.Farms.RemoveAll(m => !farmIds.Contains(m.FarmId));
        user.Farms.AddRange(farmIds.Where(f => user.Farms.All(m => m.FarmId != f)).Select(f => new FarmMembership { UserSub = sub, FarmId = f }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.Users.AsNoTracking().Where(u => u.Sub == sub).Select(Projection).FirstAsync(ct));
    }

    public static Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> Disable(
        string sub, CurrentUser caller, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct) =>
        SetEnabledAsync(sub, enabled: false, caller, db, cognito, ct);

    public static Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> Enable(
        string sub, CurrentUser caller, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct) =>
        SetEnabledAsync(sub, enabled: true, caller, db, cognito, ct);

    private static async Task<Results<Ok<UserResponse>, NotFound, ProblemHttpResult>> SetEnabledAsync(
        string sub, bool enabled, CurrentUser caller, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct)
    {
        if (!enabled && sub == caller.Sub)
        {
            return TypedResults.Problem(title: Text["CannotDisableYourself"], detail: Text["CannotDisableYourselfDetail"], statusCode: StatusCodes.Status409Conflict);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Sub == sub, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        await cognito.SetEnabledAsync(user.Email, enabled, ct);
        user.Disabled = !enabled;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.Users.AsNoTracking().Where(u => u.Sub == sub).Select(Projection).FirstAsync(ct));
    }

    private static readonly System.Linq.Expressions.Expression<Func<AppUser, UserResponse>> Projection = u => new UserResponse(
        u.Sub, u.Email, u.DisplayName, u.Role, u.Disabled,
        u.Farms.OrderBy(m => m.Farm!.Name).Select(m => new FarmRef(m.FarmId, m.Farm!.Name)).ToList(), u.Language);
}
