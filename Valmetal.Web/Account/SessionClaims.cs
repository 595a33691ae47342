using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Valmetal.Identity;

namespace Valmetal.Web.Account;

/// <summary>
/// The signed-in session: who the user is plus their Cognito tokens, kept only in the encrypted, HTTP-only
/// authentication cookie (Data Protection), so no server keeps session state and the browser's script never sees a token.
/// </summary>
public static class SessionClaims
{
    public const string AccessToken = "valmetal:access_token";
    public const string RefreshToken = "valmetal:refresh_token";
    public const string ExpiresAt = "valmetal:expires_at";
    public const string Name = "name";
    public const string Role = "role";

    public static ClaimsPrincipal Create(TokenSet tokens)
    {
        var id = UnverifiedJwt.Payload(tokens.IdToken);
        var sub = UnverifiedJwt.Strings(id, "sub").First();
        var claims = new List<Claim>
        {
            new("sub", sub),
            new(Name, UnverifiedJwt.Strings(id, "email").FirstOrDefault() ?? sub),
        };
        claims.AddRange(UnverifiedJwt.Strings(id, CognitoGroups.ClaimType).Select(g => new Claim(Role, g)));
        claims.AddRange(TokenClaims(tokens));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, Name, Role));
    }

    public static ClaimsPrincipal WithTokens(ClaimsPrincipal principal, TokenSet tokens)
    {
        var kept = principal.Claims.Where(c => c.Type is not (AccessToken or RefreshToken or ExpiresAt));
        return new ClaimsPrincipal(new ClaimsIdentity(kept.Concat(TokenClaims(tokens)), CookieAuthenticationDefaults.AuthenticationScheme, Name, Role));
    }

    public static TokenSet? Tokens(ClaimsPrincipal principal)
    {
        var access = principal.FindFirstValue(AccessToken);
        var refresh = principal.FindFirstValue(RefreshToken);
        var expires = principal.FindFirstValue(ExpiresAt);
        return access is null || refresh is null || expires is null
            ? null
            : new TokenSet(access, string.Empty, refresh, DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Names the signed-in user to the browser's scripts without giving out the account id: the service worker keeps
    /// the offline fleet under it and drops the copy when a page names anyone else, or no one.
    /// </summary>
    public static string? OwnerKey(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.FindFirstValue("sub") is { Length: > 0 } sub
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("valmetal-offline-owner:" + sub)))[..32]
            : null;

    private static IEnumerable<Claim> TokenClaims(TokenSet tokens) =>
    [
        new(AccessToken, tokens.AccessToken),
        new(RefreshToken, tokens.RefreshToken),
        new(ExpiresAt, tokens.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)),
    ];
}
