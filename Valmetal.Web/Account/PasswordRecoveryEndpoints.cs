using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Valmetal.Identity;
using Valmetal.Web.Security;

namespace Valmetal.Web.Account;

/// <summary>
/// "Forgot password": the first form asks Cognito to e-mail a code, the second sets a new password with it. Both
/// answer the same whether or not the address has an account (the pool prevents user-existence errors).
/// </summary>
public static class PasswordRecoveryEndpoints
{
    public static IEndpointRouteBuilder MapPasswordRecoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("account").AllowAnonymous().RequireAntiforgery();
        account.MapPost("forgot", SendCodeAsync).RequireSignInRateLimits();
        account.MapPost("reset", ResetAsync).RequireSignInRateLimits();
        return app;
    }

    private static async Task<IResult> SendCodeAsync([FromForm] string? email, HttpContext http, PasswordRecoveryClient cognito, IOptions<CognitoOptions> options)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > AccountEndpoints.MaxEmailLength)
        {
            return Results.LocalRedirect($"/signin/forgot?error={SignInErrors.Missing}");
        }

        var address = email.Trim();
        try
        {
            await cognito.SendCodeAsync(options.Value.ClientId, address, http.RequestAborted);
        }
        catch (CognitoThrottledException)
        {
            return Results.LocalRedirect($"/signin/forgot?error={SignInErrors.LockedOut}");
        }
        catch (Exception ex) when (ex is CognitoServiceException or HttpRequestException)
        {
            return Results.LocalRedirect($"/signin/forgot?error={SignInErrors.Unavailable}");
        }
        catch (CognitoException)
        {
            // Any other refusal (an unknown or unverified address) reads as success: the page must not tell who has an account.
        }

        return Results.LocalRedirect($"/signin/reset?sent=1&email={Uri.EscapeDataString(address)}");
    }

    private static async Task<IResult> ResetAsync(
        [FromForm] string? email,
        [FromForm] string? code,
        [FromForm] string? password,
        [FromForm] string? repeat,
        HttpContext http,
        PasswordRecoveryClient cognito,
        IOptions<CognitoOptions> options)
    {
        var address = email?.Trim() ?? string.Empty;
        IResult Again(string error) => Results.LocalRedirect($"/signin/reset?error={error}&email={Uri.EscapeDataString(address[..Math.Min(address.Length, AccountEndpoints.MaxEmailLength)])}");

        if (address.Length == 0 || address.Length > AccountEndpoints.MaxEmailLength || string.IsNullOrWhiteSpace(code)
            || code.Length > ChallengeEndpoints.MaxCodeLength || string.IsNullOrEmpty(password) || password.Length > AccountEndpoints.MaxPasswordLength)
        {
            return Again(SignInErrors.Missing);
        }

        if (password != repeat)
        {
            return Again(SignInErrors.PasswordsDiffer);
        }

        try
        {
            await cognito.ResetAsync(options.Value.ClientId, address, code.Trim(), password, http.RequestAborted);
        }
        catch (CognitoInvalidPasswordException)
        {
            return Again(SignInErrors.Policy);
        }
        catch (Exception ex) when (ex is CognitoInvalidParameterException or CognitoUserNotFoundException or CognitoNotAuthorizedException)
        {
            // A wrong or used code, or an address without an account: the same words, so nothing is given away.
            return Again(SignInErrors.WrongCode);
        }
        catch (CognitoThrottledException)
        {
            return Again(SignInErrors.LockedOut);
        }
        catch (Exception ex) when (ex is CognitoException or HttpRequestException)
        {
            return Again(SignInErrors.Unavailable);
        }

        return Results.LocalRedirect($"/signin?reset=1&email={Uri.EscapeDataString(address)}");
    }
}
