using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Export;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.ApiClient;

/// <summary>The API answers in the language it is asked in: every client of it asks in the user's.</summary>
public sealed class ApiLanguageTests
{
    private static readonly string[] ApiClients = [nameof(ValmetalApiClient), nameof(ValmetalApiCommands), nameof(LiveUpdatesClient), nameof(TelemetryExportClient)];

    [Theory]
    [InlineData("fr-CA", "fr-CA")]
    [InlineData("en", "en")]
    [InlineData("", "en")]
    public async Task Every_api_client_sends_the_current_ui_language(string uiCulture, string expected)
    {
        var asked = new ConcurrentDictionary<string, string>();
        await using var web = new WebAppFactory
        {
            // Registered after the app's own handlers, so it sees each request as it leaves for the API.
            TestServices = services => services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(builder =>
            {
                builder.AdditionalHandlers.Add(new Recorder(builder.Name!, asked));
                builder.PrimaryHandler = new Answer();
            })),
        };
        var clients = web.Services.GetRequiredService<IHttpClientFactory>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(uiCulture);
        try
        {
            foreach (var name in ApiClients)
            {
                using var http = clients.CreateClient(name);
                using var response = await http.GetAsync(new Uri("api/me", UriKind.Relative));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal(ApiClients.Order(StringComparer.Ordinal), asked.Keys.Order(StringComparer.Ordinal));
        Assert.All(asked, call => Assert.Equal(expected, call.Value));
    }

    private sealed class Recorder(string client, ConcurrentDictionary<string, string> asked) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            asked[client] = request.Headers.AcceptLanguage.ToString();
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
