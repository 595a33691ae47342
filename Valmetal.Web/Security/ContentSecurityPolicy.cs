using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Valmetal.Web.Security;

/// <summary>The <c>ContentSecurityPolicy</c> section: what the pages may reach beyond this site.</summary>
public sealed class ContentSecurityOptions : IValidatableObject
{
    public const string SectionName = "ContentSecurityPolicy";

    /// <summary>Origins scripts may send requests to besides this site: the document bucket, which takes uploads
    /// straight from the browser with presigned URLs.</summary>
    public List<string> ConnectSources { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ConnectSources.Where(source => ContentSecurityPolicy.Origin(source) is null).Select(source => new ValidationResult(
            $"'{source}' is not an http(s) origin (scheme, host and port only)", [nameof(ConnectSources)]));
}

/// <summary>
/// The policy of every web response. Blazor Server needs no inline script or eval: its scripts are files of this site
/// and the circuit's WebSocket is same-origin. The import map Blazor can render is left out (an inline script that
/// nothing here imports through), and the reconnect dialog is our own markup, because Blazor's default one injects
/// an inline style element.
/// </summary>
public static class ContentSecurityPolicy
{
    public static string ForPages(ContentSecurityOptions options) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        string.Join(' ', ["connect-src 'self'", .. options.ConnectSources.Select(s => Origin(s)!)]),
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IServiceCollection AddContentSecurityPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentSecurityOptions>()
            .Bind(configuration.GetSection(ContentSecurityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseWebSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ForPages(app.ApplicationServices.GetRequiredService<IOptions<ContentSecurityOptions>>().Value);
        return app.UseSecurityHeaders(_ => policy);
    }

    /// <summary>The origin as a policy source, or null when the text is anything more or less than an origin.</summary>
    internal static string? Origin(string source) =>
        Uri.TryCreate(source.TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.GetLeftPart(UriPartial.Authority).Equals(source.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
