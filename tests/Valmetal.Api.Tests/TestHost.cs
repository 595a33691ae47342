using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests;

/// <summary>
/// A bare host with the API's own request guards (rate limits, exception handlers), its problem details in the caller's
/// language, and a user named by a header, so each guard is tested without the database, the broker or Cognito the real
/// API needs to start.
/// </summary>
public static class TestHost
{
    public const string SubHeader = "X-Test-Sub";

    public static async Task<WebApplication> StartAsync(
        Dictionary<string, string?> settings, Action<WebApplicationBuilder> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAuthentication("test").AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>("test", null);
        builder.Services.AddAuthorization();
        builder.Services.AddLocalizedProblemDetails();
        services(builder);
        var app = builder.Build();
        app.UseRequestLanguage();
        map(app);
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(this WebApplication app, string? sub)
    {
        var client = app.GetTestClient();
        if (sub is not null)
        {
            client.DefaultRequestHeaders.Add(SubHeader, sub);
        }

        return client;
    }

    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.TryGetValue(SubHeader, out var sub)
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", sub.ToString())], "test")), "test"))
                : AuthenticateResult.NoResult());
    }
}
