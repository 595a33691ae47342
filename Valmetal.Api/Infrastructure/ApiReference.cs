using Scalar.AspNetCore;
using Valmetal.Api.Security;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// The OpenAPI document and the Scalar reference page. Behind the public load balancer they would hand anyone a map of
/// every operation, so they are off unless <c>OpenApi:Enabled</c> says otherwise; Development defaults to on, and the
/// AppHost turns them on explicitly for the local platform and its tests (docs/decisions.md).
/// </summary>
public static class ApiReference
{
    public const string EnabledKey = "OpenApi:Enabled";

    /// <summary>The document's generator; registered in every environment, since only mapping it publishes anything.</summary>
    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddExamples());

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? environment.IsDevelopment();

    /// <summary>Maps /openapi/v1.json and /scalar when enabled; otherwise neither route exists and both answer 404.</summary>
    public static WebApplication MapApiReferenceIfEnabled(this WebApplication app)
    {
        if (IsEnabled(app.Configuration, app.Environment))
        {
            app.MapOpenApi();
            // No font service: the reference page's policy allows this origin only.
            app.MapScalarApiReference(ApiSecurityHeaders.ReferencePath, options => options.DisableDefaultFonts());
        }

        return app;
    }
}
