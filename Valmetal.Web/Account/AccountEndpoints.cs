using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Valmetal.Identity;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Account;

/// <summary>Sign-in and sign-out: the browser posts a form; tokens never leave the server except inside the encrypted cookie.</summary>
public static class AccountEndpoints
{
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 256;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("account").AllowAnonymous();
        account.MapPost("signin", SignInAsync);
        account.MapPost("signout", (Delegate)SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        HttpContext http,
        SignInClient cognito,
        ValmetalApiClient api,
        IOptions<CognitoOptions> options)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)
            || email.Length > MaxEmailLength || password.Length > MaxPasswordLength)
        {
            return Failed(SignInErrors.Missing, back, email);
        }

        TokenSet tokens;
        try
        {
            tokens = await cognito.SignInAsync(options.Value.ClientId, email.Trim(), password, http.RequestAborted);
        }
        catch (CognitoException ex)
        {
            return Failed(SignInErrors.FromCognito(ex), back, email);
        }
        catch (HttpRequestException)
        {
            return Failed(SignInErrors.Unavailable, back, email);
        }

        // The API has the last word: an account an admin disabled is refused even if Cognito still signs it in.
        var status = await api.CheckAccessAsync(tokens.AccessToken, http.RequestAborted);
        if (status != HttpStatusCode.OK)
        {
            return Failed(status == HttpStatusCode.Forbidden ? SignInErrors.Disabled : SignInErrors.Unavailable, back, email);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.Create(tokens),
            new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/signin?signedOut=1");
    }

    private static IResult Failed(string code, string returnUrl, string? email) =>
        Results.LocalRedirect($"/signin?error={code}&returnUrl={Uri.EscapeDataString(returnUrl)}&email={Uri.EscapeDataString((email ?? string.Empty)[..Math.Min(email?.Length ?? 0, MaxEmailLength)])}");

    /// <summary>Only paths of this site: an open redirect would let a phishing link bounce users anywhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && returnUrl.Length <= 2048
            ? returnUrl
            : "/";
}
