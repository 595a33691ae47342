using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Valmetal.DeviceContract;

namespace Valmetal.Web.Localization;

/// <summary>
/// The app's languages (<see cref="RequestLanguages"/>, as every service has them) and how a request's is chosen here:
/// the language the user saved (kept in a cookie from sign-in on, and changed by the header's switch), else the
/// browser's <c>Accept-Language</c>, else English.
/// </summary>
public static class Languages
{
    public const string English = LanguageCodes.English;
    public const string French = LanguageCodes.French;

    public static readonly IReadOnlyList<string> All = RequestLanguages.All;

    /// <summary>The cookie ASP.NET Core's cookie culture provider reads (<c>c=fr-CA|uic=fr-CA</c>).</summary>
    public const string CookieName = "valmetal.language";

    public static bool IsSupported(string? language) => RequestLanguages.IsSupported(language);

    /// <summary>Whether this request or circuit reads French: what the catalogue's two names are chosen by.</summary>
    public static bool ReaderIsFrench => CultureInfo.CurrentUICulture.Name == French;

    public static RequestLocalizationOptions Options() => RequestLanguages.Options(new CookieRequestCultureProvider { CookieName = CookieName });

    /// <summary>Writes the cookie that makes <paramref name="language"/> this browser's language.</summary>
    public static void Remember(HttpContext http, string language) =>
        http.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
}
