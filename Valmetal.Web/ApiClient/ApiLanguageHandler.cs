using System.Globalization;
using System.Net.Http.Headers;
using Valmetal.Web.Localization;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// Asks the API in the user's language, the UI culture of the request or circuit calling it, so the refusals a page
/// shows (problem titles and details, validation messages) read in the same language as the page. Work outside a
/// request, in the server's culture, asks in English.
/// </summary>
public sealed class ApiLanguageHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        request.Headers.AcceptLanguage.Clear();
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(Languages.IsSupported(language) ? language : DeviceContract.LanguageCodes.Default));
        return base.SendAsync(request, cancellationToken);
    }
}
