using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Valmetal.Identity;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>The web app in process, with the user pool and the API answered by canned handlers.</summary>
public sealed class WebAppFactory : WebApplicationFactory<Program>
{
    public CannedCognito Cognito { get; } = new();

    public CannedApi Api { get; } = new();

    /// <summary>Settings on top of the test defaults, for a test that needs other limits.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's clock, when a test moves time itself.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Registrations on top of the app's, for a test that replaces a part of it.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>The hosting environment; the factory's default is Development, which sends no HSTS.</summary>
    public string Environment { get; set; } = Environments.Development;

    /// <summary>
    /// A client that keeps cookies and shows redirects instead of following them, like a form post from a page. Over
    /// https by default, as every browser reaches the app in AWS: session cookies are Secure and a cookie jar keeps
    /// them from plain-HTTP URLs other than a real browser's localhost.
    /// </summary>
    public BrowserLikeClient CreateBrowser(Uri? baseAddress = null) =>
        new(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = baseAddress ?? new Uri("https://localhost"),
        }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Cognito:ClientId", CannedCognito.ClientId);
        builder.UseSetting("Cognito:ServiceUrl", "http://cognito.test");
        builder.UseSetting("ApiBaseUrl", "http://api.test");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddTransient<IStartupFilter, PeerAddressFilter>();
            if (Time is not null)
            {
                services.AddSingleton(Time);
            }

            TestServices?.Invoke(services);
            services.AddHttpClient<CognitoApiClient>().ConfigurePrimaryHttpMessageHandler(Cognito.CreateHandler);
            services.AddHttpClient<ValmetalApiClient>().ConfigurePrimaryHttpMessageHandler(Api.CreateHandler);
            services.AddHttpClient<ValmetalApiCommands>().ConfigurePrimaryHttpMessageHandler(Api.CreateHandler);
        });
    }
}
