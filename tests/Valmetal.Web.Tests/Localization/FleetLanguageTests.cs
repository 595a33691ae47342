using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.Web.Components.Fleet;
using Valmetal.Web.Localization;
using Valmetal.Web.Pwa;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Localization;

/// <summary>The farmer's pages in the reader's language: words, decimal separator, 24 h times, and the offline copy.</summary>
public sealed class FleetLanguageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 17, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Languages.English, "1.6", "123", "5 min ago", "never", "2026-11-24", "2026-11-27 17:05 UTC")]
    [InlineData(Languages.French, "1,6", "123", "il y a 5 min", "jamais", "2026-11-24", "2026-11-27 17 h 05 UTC")]
    public void Values_ages_and_times_follow_the_language(
        string language, string decimals, string large, string minutes, string never, string days, string utc)
    {
        using var _ = new CultureScope(language);
        var words = new Vocabulary(ResxText.For<Vocabulary>());
        var formatting = new Formatting(ResxText.For<Formatting>(), words);

        Assert.Equal(
            (decimals, large, minutes, never, days, utc),
            (Formatting.Value(1.6), Formatting.Value(123.4), formatting.Ago(Now.AddMinutes(-5), Now), formatting.Ago(null, Now),
                formatting.Ago(Now.AddDays(-3), Now), words.UtcMinute(Now)));
    }

    [Theory]
    [InlineData("fr-CA,fr;q=0.9", "<h1>Parc</h1>", "0 équipements sur 0 fermes", "Tous les états")]
    [InlineData("en-US,en;q=0.9", "<h1>Fleet</h1>", "0 pieces of equipment on 0 farms", "Any state")]
    public async Task The_fleet_page_speaks_the_browser_s_language(string acceptLanguage, string heading, string subtitle, string anyState)
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        await browser.SignInAsync();

        var html = WebUtility.HtmlDecode(await browser.Http.GetStringAsync(new Uri("/", UriKind.Relative)));

        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains(subtitle, html, StringComparison.Ordinal);
        Assert.Contains(anyState, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_offline_copy_carries_the_offline_page_s_words_in_the_language_it_was_fetched_in()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA");
        await browser.SignInAsync();

        var snapshot = await browser.Http.GetFromJsonAsync<JsonObject>(new Uri(FleetSnapshotEndpoint.Path, UriKind.Relative));

        Assert.Equal(Languages.French, (string?)snapshot!["language"]);
        Assert.Equal("Parc", (string?)snapshot["texts"]!["heading"]);
        Assert.Equal("hors ligne, données de {0}", (string?)snapshot["texts"]!["dataFrom"]);
    }

    /// <summary>The request's culture, as request localization sets it, for the length of a test.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
