namespace Valmetal.Web.Security;

/// <summary>
/// TLS ends at the load balancer: the app learns the browser used HTTPS from X-Forwarded-Proto (trusted proxies only,
/// <see cref="TrustedProxies"/>). Outside Development the session and antiforgery cookies are Secure always, never
/// "same as request", so no request can make the app issue a cookie a browser would send over plain HTTP. In
/// Development cookies follow the request: the local composition's gateway makes browsers' requests HTTPS (so its
/// cookies are Secure), while tests and tools may still reach a replica over plain HTTP, where antiforgery would refuse
/// to issue a token at all under Always (docs/decisions.md).
/// </summary>
public static class TransportSecurity
{
    /// <summary>Half a year: long enough that a returning browser never tries plain HTTP first, short enough to undo.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(180);

    /// <summary>Always, except in Development (plain HTTP on loopback), where cookies follow the request's scheme.</summary>
    public static CookieSecurePolicy CookiePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddTrustedProxies(configuration);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookiePolicy(environment));
        services.AddHsts(options =>
        {
            options.MaxAge = HstsMaxAge;
            // Subdomains may serve things this app does not own, and preload lists are a commitment made by hand.
            options.IncludeSubDomains = false;
            options.Preload = false;
        });
        return services;
    }

    /// <summary>
    /// Forwarded headers first, so everything after sees the browser's scheme and address; then HSTS, which the
    /// middleware sends only on HTTPS requests and never to localhost (a developer's browser would otherwise refuse
    /// plain HTTP to every local port for half a year). Locally the gateway makes requests HTTPS as the ALB does.
    /// </summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseHsts();
        return app;
    }
}
