using System.Globalization;
using System.Net.Http.Headers;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// The API words its refusals (problem titles, validation messages) in the language a request asks for; the pages
/// show them as they come, so every call asks for the user's language, the culture of the request or circuit.
/// </summary>
public sealed class UserLanguageHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        if (language.Length > 0)
        {
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
