using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Valmetal.Identity;

namespace Valmetal.Web.Account;

/// <summary>
/// On every request with a session cookie: refresh the Cognito tokens shortly before they expire and write the
/// renewed cookie; if Cognito refuses (refresh token expired or revoked, user disabled), end the session so the
/// user signs in again and is told why.
/// </summary>
public static partial class SessionRefresh
{
    public const string ExpiredItem = "valmetal:session-expired";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var tokens = context.Principal is null ? null : SessionClaims.Tokens(context.Principal);
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        if (tokens is null)
        {
            await EndAsync(context);
            return;
        }

        if (tokens.ExpiresAt - time.GetUtcNow() >= UserSession.RefreshBefore)
        {
            return;
        }

        try
        {
            var clientId = services.GetRequiredService<IOptions<CognitoOptions>>().Value.ClientId;
            var renewed = await services.GetRequiredService<SignInClient>().RefreshAsync(clientId, tokens.RefreshToken, context.HttpContext.RequestAborted);
            context.ReplacePrincipal(SessionClaims.WithTokens(context.Principal!, renewed));
            context.ShouldRenew = true;
        }
        catch (CognitoException ex)
        {
            LogRefreshRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionRefresh)), ex.Type);
            await EndAsync(context);
        }
    }

    /// <summary>Sends an expired session to the sign-in page with the reason.</summary>
    public static Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = context.RedirectUri;
        if (context.HttpContext.Items.ContainsKey(ExpiredItem))
        {
            target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "error=expired";
        }

        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.HttpContext.Items[ExpiredItem] = true;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(LogLevel.Information, "Session ended: Cognito refused to refresh its tokens ({Reason})")]
    private static partial void LogRefreshRefused(ILogger logger, string reason);
}
