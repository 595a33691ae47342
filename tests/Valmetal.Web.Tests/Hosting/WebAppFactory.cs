using Microsoft.Extensions.Logging;
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

    private readonly StartFailureLog _startFailures = new();

    /// <summary>
    /// Starts the app, which must refuse to start, and answers why. The reason is the exception the host logged as it
    /// failed: what CreateClient throws depends on a race in WebApplicationFactory, as the failed host is disposed
    /// while the factory still asks it for its lifetime (then an ObjectDisposedException).
    /// </summary>
    public Exception StartFailure()
    {
        var thrown = Record.Exception(() => CreateClient());
        Assert.True(thrown is not null, "The app started.");
        return _startFailures.Error ?? thrown;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.AddProvider(_startFailures));
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

/// <summary>Keeps the exception the host logs when it fails to start (Microsoft.Extensions.Hosting's own log).</summary>
internal sealed class StartFailureLog : ILoggerProvider, ILogger
{
    public Exception? Error { get; private set; }

    public ILogger CreateLogger(string categoryName) => categoryName == "Microsoft.Extensions.Hosting.Internal.Host" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error && exception is not null)
        {
            Error ??= exception;
        }
    }

    public void Dispose()
    {
    }
}
