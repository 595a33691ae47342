using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Valmetal.Web.Tests.Localization;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData("fr-FR,en;q=0.8", "fr-CA")]
    [InlineData("fr", "fr-CA")]
    [InlineData("en-GB,fr;q=0.5", "en")]
    [InlineData("de-DE,fr-CA;q=0.3", "fr-CA")]
    [InlineData("fr;q=0,en;q=0.4", "en")]
    public async Task The_browsers_languages_go_to_the_closest_supported_one_in_its_order_of_preference(string header, string expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = header;

        var result = await new ClosestAcceptLanguageProvider().DetermineProviderCultureResult(http);

        Assert.Equal(expected, Assert.Single(result!.UICultures).Value);
    }

    [Fact]
    public async Task A_browser_with_no_supported_language_gets_the_default()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = "de-DE,es;q=0.5";

        Assert.Null(await new ClosestAcceptLanguageProvider().DetermineProviderCultureResult(http));
    }
}
