using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Export;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.ApiClient;

/// <summary>
/// Every client of the API goes through the same handlers: it asks in the user's language (the API answers in the
/// language it is asked in) and carries the user's token.
/// </summary>
public sealed class ApiClientHandlerTests
{
    private static readonly string[] ApiClients = [nameof(ValmetalApiClient), nameof(ValmetalApiCommands), nameof(LiveUpdatesClient), nameof(TelemetryExportClient)];

    [Fact]
    public async Task Every_api_client_carries_the_token_of_the_user_it_calls_for()
    {
        var asked = new ConcurrentDictionary<string, string>();
        await using var web = Recording(asked);
        var clients = web.Services.GetRequiredService<IHttpClientFactory>();

        foreach (var name in ApiClients)
        {
            using var http = clients.CreateClient(name);
            using var request = ApiBearerHandler.For(new HttpRequestMessage(HttpMethod.Get, "api/me"), "user-token");
            using var response = await http.SendAsync(request);
        }

        Assert.Equal(ApiClients.Order(StringComparer.Ordinal), asked.Keys.Order(StringComparer.Ordinal));
        Assert.All(asked, call => Assert.EndsWith("| Bearer user-token", call.Value, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fr-CA", "fr-CA")]
    [InlineData("en", "en")]
    [InlineData("", "en")]
    public async Task Every_api_client_sends_the_current_ui_language(string uiCulture, string expected)
    {
        var asked = new ConcurrentDictionary<string, string>();
        await using var web = Recording(asked);
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
        Assert.All(asked, call => Assert.Equal($"{expected} | ", call.Value));
    }

    /// <summary>The web app, recording per client the language and authorization of each request it sends the API.</summary>
    private static WebAppFactory Recording(ConcurrentDictionary<string, string> asked) => new()
    {
        // Registered after the app's own handlers, so it sees each request as it leaves for the API.
        TestServices = services => services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.AdditionalHandlers.Add(new Recorder(builder.Name!, asked));
            builder.PrimaryHandler = new Answer();
        })),
    };

    private sealed class Recorder(string client, ConcurrentDictionary<string, string> asked) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            asked[client] = $"{request.Headers.AcceptLanguage} | {request.Headers.Authorization}";
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
