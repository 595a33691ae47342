using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Valmetal.Web.Localization;

/// <summary>
/// The languages of the app, French as spoken in Québec and English, and how a request's is chosen: the language the
/// user saved (kept in a cookie from sign-in on, and changed by the header's switch), else the browser's
/// <c>Accept-Language</c>, else English. Dates, times and numbers follow it (24 h clock and decimal comma in French).
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string French = "fr-CA";

    public static readonly IReadOnlyList<string> All = [English, French];

    /// <summary>The cookie ASP.NET Core's cookie culture provider reads (<c>c=fr-CA|uic=fr-CA</c>).</summary>
    public const string CookieName = "valmetal.language";

    public static bool IsSupported(string? language) => language is not null && All.Contains(language);

    /// <summary>Whether this request or circuit reads French: what the catalogue's two names are chosen by.</summary>
    public static bool ReaderIsFrench => CultureInfo.CurrentUICulture.Name == French;

    /// <summary>The supported language a tag such as <c>fr</c>, <c>fr-FR</c> or <c>en-GB</c> is closest to, if any.</summary>
    public static string? Closest(string tag) =>
        tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French
        : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English
        : null;

    public static RequestLocalizationOptions Options()
    {
        var cultures = All.Select(CultureInfo.GetCultureInfo).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new ClosestAcceptLanguageProvider(),
        ];
        return options;
    }

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

/// <summary>
/// The browser's languages in its order of preference, each taken to the closest supported one: a phone set to
/// <c>fr-FR</c> or plain <c>fr</c> gets Québec French rather than English.
/// </summary>
public sealed class ClosestAcceptLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        var language = header
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Languages.Closest(l.Value.ToString()))
            .FirstOrDefault(l => l is not null);
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
    }
}
