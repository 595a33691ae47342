namespace Valmetal.Gateway;

/// <summary>The ALB's port 80 listener: every plain-HTTP request is redirected to HTTPS with its path and query.</summary>
public static class HttpsRedirect
{
    public static IApplicationBuilder UseHttpsRedirectListeners(this IApplicationBuilder app, GatewayOptions options)
    {
        var targets = options.Listeners.Where(l => l.RedirectPort is not null).ToDictionary(l => l.RedirectPort!.Value, l => l.Port);
        return app.Use(async (context, next) =>
        {
            if (!context.Request.IsHttps && targets.TryGetValue(context.Connection.LocalPort, out var httpsPort))
            {
                var request = context.Request;
                var target = new UriBuilder(Uri.UriSchemeHttps, request.Host.Host, httpsPort) { Path = request.PathBase + request.Path, Query = request.QueryString.Value };
                // 301, as the CDK's AddRedirect configures the ALB.
                context.Response.Redirect(target.Uri.AbsoluteUri, permanent: true);
                return;
            }

            await next(context);
        });
    }
}
