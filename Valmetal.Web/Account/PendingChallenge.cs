using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Valmetal.Identity;
using Valmetal.Web.Security;

namespace Valmetal.Web.Account;

/// <summary>
/// A sign-in waiting for its next step, between the password form and the step's own form: Cognito's session for it,
/// the user's name and where to go afterwards. It travels in a cookie encrypted with the shared key ring, so any web
/// task may receive the answer, and it lapses with Cognito's session after three minutes. The browser's script never
/// sees it (HTTP-only) and no other site can send it (SameSite=Strict).
/// </summary>
public sealed class PendingChallenge(IDataProtectionProvider protection, IHostEnvironment environment, TimeProvider time)
{
    public const string CookieName = "valmetal.challenge";

    /// <summary>Cognito's sign-in session lasts three minutes by default.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Valmetal.Web.Account.PendingChallenge").ToTimeLimitedDataProtector();

    public void Save(HttpContext http, SignInChallenge challenge, string returnUrl)
    {
        var payload = JsonSerializer.Serialize(new Stored(challenge.Name, challenge.Session, challenge.Username, returnUrl));
        http.Response.Cookies.Append(CookieName, _protector.Protect(payload, time.GetUtcNow() + Lifetime), Options(http));
    }

    /// <summary>The pending step, or null when there is none, it lapsed, or the cookie was not made here.</summary>
    public (SignInChallenge Challenge, string ReturnUrl)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(_protector.Unprotect(value));
            return stored is null
                ? null
                : (new SignInChallenge(stored.Name, stored.Session, stored.Username), AccountEndpoints.SafeReturnUrl(stored.ReturnUrl));
        }
        catch (CryptographicException)
        {
            // Lapsed, tampered with, or from a key ring this task cannot read: the user starts the sign-in again.
            return null;
        }
    }

    public void Clear(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(CookieName))
        {
            http.Response.Cookies.Delete(CookieName, Options(http));
        }
    }

    private CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = TransportSecurity.CookiePolicy(environment) == CookieSecurePolicy.Always || http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = Lifetime,
        IsEssential = true,
    };

    private sealed record Stored(string Name, string Session, string Username, string ReturnUrl);
}
