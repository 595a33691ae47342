using Valmetal.Web.Security;

namespace Valmetal.Web.Notifications;

/// <summary>
/// The push subscription this browser registered in the current session (its endpoint), so sign-out can remove it from
/// the API as the user who registered it. HTTP-only and SameSite=Strict: scripts never read it and no other site sends
/// it. Without an expiry it ends with the browser session, as the sign-in cookie does.
/// </summary>
public static class PushSubscriptionCookie
{
    public const string Name = "valmetal.push";

    public static string? Endpoint(HttpContext http) =>
        http.Request.Cookies.TryGetValue(Name, out var endpoint) && !string.IsNullOrEmpty(endpoint) ? endpoint : null;

    public static void Remember(HttpContext http, string endpoint) => http.Response.Cookies.Append(Name, endpoint, Options(http));

    public static void Forget(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(Name))
        {
            http.Response.Cookies.Delete(Name, Options(http));
        }
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        Secure = TransportSecurity.CookiePolicy(http.RequestServices.GetRequiredService<IHostEnvironment>()) == CookieSecurePolicy.Always
            || http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
