using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The response headers every Valmetal HTTP service sends. HSTS is added by the web app on HTTPS requests (as the
/// load balancer forwards them) outside Development, since the ALB does not add it.
/// </summary>
public static class SecurityHeaders
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Browser features no page of ours uses; a script injected into one cannot use them either.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
        + "microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=()";

    /// <summary>For responses no browser should render as a page: JSON, CSV, health.</summary>
    public const string NothingPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Adds the headers to every response, errors and redirects included: they are written when the response starts,
    /// after the exception handler has cleared whatever headers the failed request had set.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Func<HttpContext, string> contentSecurityPolicy) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers.ContentSecurityPolicy = contentSecurityPolicy(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
}
