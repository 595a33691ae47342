using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Valmetal.Identity;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Notifications;
using Valmetal.Web.Localization;
using Valmetal.Web.Security;

namespace Valmetal.Web.Account;

/// <summary>Sign-in and sign-out: the browser posts a form; tokens never leave the server except inside the encrypted cookie.</summary>
public static partial class AccountEndpoints
{
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 256;

    /// <summary>Sign-out waits this long at most for Cognito; the local session ends either way.</summary>
    private static readonly TimeSpan RevokeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("account").AllowAnonymous().RequireAntiforgery();
        account.MapPost("signin", SignInAsync).RequireSignInRateLimits();
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
        PendingChallenge pending,
        IOptions<CognitoOptions> options)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)
            || email.Length > MaxEmailLength || password.Length > MaxPasswordLength)
        {
            return Failed(SignInErrors.Missing, back, email);
        }

        SignInStep step;
        try
        {
            step = await cognito.SignInAsync(options.Value.ClientId, email.Trim(), password, http.RequestAborted);
        }
        catch (CognitoException ex)
        {
            return ex.Type == "PasswordResetRequiredException"
                ? Results.LocalRedirect($"/signin/reset?error={SignInErrors.ResetRequired}&email={Uri.EscapeDataString(email.Trim())}")
                : Failed(SignInErrors.FromCognito(ex), back, email);
        }
        catch (HttpRequestException)
        {
            return Failed(SignInErrors.Unavailable, back, email);
        }

        return await ContinueAsync(step, back, email, http, api, pending);
    }

    /// <summary>
    /// After a password or a challenge's answer: either the session starts, or the browser is sent to the form of the
    /// next step, holding that step in <see cref="PendingChallenge"/>.
    /// </summary>
    internal static async Task<IResult> ContinueAsync(SignInStep step, string back, string? email, HttpContext http, ValmetalApiClient api, PendingChallenge pending)
    {
        if (step.Challenge is { } challenge)
        {
            pending.Save(http, challenge, back);
            return Results.LocalRedirect(ChallengePage(challenge.Name));
        }

        pending.Clear(http);
        // A subscription a previous session registered on this browser is not the new user's: the page's script hands
        // it to them if they allow notifications here, or cancels it (js/push.js).
        PushSubscriptionCookie.Forget(http);
        var tokens = step.Tokens!;
        // The API has the last word: an account an admin disabled is refused even if Cognito still signs it in.
        var access = await api.CheckAccessAsync(tokens.AccessToken, http.RequestAborted);
        if (access.Problem is { } refused)
        {
            return Failed(refused.Status == StatusCodes.Status403Forbidden ? SignInErrors.Disabled : SignInErrors.Unavailable, back, email);
        }

        var language = access.Value?.Language;

        // The language the user saved wins over this browser's from now on (docs/decisions.md, "French and English").
        if (Languages.IsSupported(language))
        {
            Languages.Remember(http, language!);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.Create(tokens),
            new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(back);
    }

    /// <summary>The form that asks for a challenge's answer.</summary>
    internal static string ChallengePage(string challenge) => challenge == SignInChallenges.NewPasswordRequired ? "/signin/new-password" : "/signin/code";

    private static async Task<IResult> SignOutAsync(
        HttpContext http, SignInClient cognito, IOptions<CognitoOptions> options, ILoggerFactory loggers,
        AuthenticationStateProvider authentication, NotificationsClient notifications)
    {
        // First, while the user's access token still works: revoking the refresh token below revokes it too.
        await PushSubscriptionEndpoint.ForgetAsync(http, authentication, notifications, loggers.CreateLogger(typeof(PushSubscriptionEndpoint)));

        // A copy of the cookie taken before sign-out must not be able to refresh its tokens afterwards.
        if (SessionClaims.Tokens(http.User) is { RefreshToken.Length: > 0 } tokens)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(RevokeTimeout);
            try
            {
                await cognito.RevokeAsync(options.Value.ClientId, tokens.RefreshToken, timeout.Token);
            }
            catch (Exception ex) when (ex is CognitoException or HttpRequestException or TimeoutRejectedException
                || (ex is OperationCanceledException && !http.RequestAborted.IsCancellationRequested))
            {
                // The user asked to leave: the session ends here regardless, and the refresh token expires on its own.
                LogRevokeFailed(loggers.CreateLogger(typeof(AccountEndpoints)), ex.GetType().Name, ex.Message);
            }
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/signin?signedOut=1");
    }

    [LoggerMessage(LogLevel.Warning, "Sign-out could not revoke the refresh token at Cognito ({Reason}: {Message})")]
    private static partial void LogRevokeFailed(ILogger logger, string reason, string message);

    internal static IResult Failed(string code, string returnUrl, string? email) =>
        Results.LocalRedirect($"/signin?error={code}&returnUrl={Uri.EscapeDataString(returnUrl)}&email={Uri.EscapeDataString((email ?? string.Empty)[..Math.Min(email?.Length ?? 0, MaxEmailLength)])}");

    /// <summary>Only paths of this site: an open redirect would let a phishing link bounce users anywhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && returnUrl.Length <= 2048
            ? returnUrl
            : "/";
}
