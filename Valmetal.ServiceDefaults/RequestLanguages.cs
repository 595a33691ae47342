using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Valmetal.DeviceContract;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The languages Valmetal speaks to people, French as spoken in Québec and English, and how a request's is chosen, the
/// same in every service: what the service asks first (the web app's language cookie), else the caller's
/// <c>Accept-Language</c> taken to the closest supported language, else the default (<see cref="LanguageCodes.Default"/>).
/// Dates, times and numbers follow it (24 h clock and decimal comma in French).
/// </summary>
public static class RequestLanguages
{
    public static readonly IReadOnlyList<string> All = [LanguageCodes.English, LanguageCodes.French];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language);

    /// <summary>The supported language a tag such as <c>fr</c>, <c>fr-FR</c> or <c>en-GB</c> is closest to, if any.</summary>
    public static string? Closest(string tag) =>
        tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? LanguageCodes.French
        : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? LanguageCodes.English
        : null;

    /// <summary>Request localization over <see cref="All"/>: <paramref name="first"/> in order, then <c>Accept-Language</c>.</summary>
    public static RequestLocalizationOptions Options(params RequestCultureProvider[] first)
    {
        var cultures = All.Select(CultureInfo.GetCultureInfo).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(LanguageCodes.Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [.. first, new ClosestAcceptLanguageProvider()],
        };
    }
}

/// <summary>
/// The caller's languages in its order of preference, each taken to the closest supported one: a phone set to
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
            .Select(l => RequestLanguages.Closest(l.Value.ToString()))
            .FirstOrDefault(l => l is not null);
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
    }
}
