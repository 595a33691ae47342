namespace Valmetal.Web.Security;

/// <summary>
/// TLS ends at the load balancer: the app learns the browser used HTTPS from X-Forwarded-Proto (trusted proxies only,
/// <see cref="TrustedProxies"/>). Outside Development the session and antiforgery cookies are Secure always, never
/// "same as request", so no request can make the app issue a cookie a browser would send over plain HTTP. Development
/// is the local composition, served over plain HTTP on loopback, where Always cannot work: antiforgery refuses to issue
/// a token at all on a non-HTTPS request under Always; there cookies follow the request (docs/decisions.md).
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
    /// Forwarded headers first, so everything after sees the browser's scheme and address; HSTS outside Development
    /// (it is only ever sent on HTTPS requests, and browsers ignore it from localhost anyway).
    /// </summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
