using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;

namespace Valmetal.Api.Features.Users;

/// <summary>What an admin does about a user's access beyond the role: invite again, reset the password, end sessions.</summary>
public static class UserAccessApi
{
    public static RouteGroupBuilder MapUserAccessApi(this RouteGroupBuilder users)
    {
        users.MapPost("/{sub}/invitation", ResendInvitation).ProducesProblem(StatusCodes.Status409Conflict).WithName("ResendInvitation")
            .WithSummary("Sends the invitation again with a new temporary password, while the user has not signed in yet (admins only).");
        users.MapPost("/{sub}/password-reset", ResetPassword).WithName("ResetUserPassword")
            .WithSummary("Makes the user choose a new password with a code Cognito e-mails them (admins only).");
        users.MapPost("/{sub}/signout", SignOutEverywhere).WithName("SignOutUserEverywhere")
            .WithSummary("Ends every session of the user at its next token refresh (admins only).");
        return users;
    }

    public static Task<Results<NoContent, NotFound>> ResendInvitation(string sub, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct) =>
        ForUserAsync(sub, db, email => cognito.ResendInvitationAsync(email, ct), ct);

    public static Task<Results<NoContent, NotFound>> ResetPassword(string sub, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct) =>
        ForUserAsync(sub, db, email => cognito.ResetPasswordAsync(email, ct), ct);

    public static Task<Results<NoContent, NotFound>> SignOutEverywhere(string sub, ValmetalDbContext db, CognitoUserAdministration cognito, CancellationToken ct) =>
        ForUserAsync(sub, db, email => cognito.SignOutEverywhereAsync(email, ct), ct);

    /// <summary>Cognito's refusals (a user who already signed in cannot be invited again) reach the client as problem details.</summary>
    private static async Task<Results<NoContent, NotFound>> ForUserAsync(string sub, ValmetalDbContext db, Func<string, Task> call, CancellationToken ct)
    {
        var email = await db.Users.AsNoTracking().Where(u => u.Sub == sub).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null)
        {
            return TypedResults.NotFound();
        }

        await call(email);
        return TypedResults.NoContent();
    }
}
