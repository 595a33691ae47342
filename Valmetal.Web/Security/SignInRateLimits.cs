using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Valmetal.Web.Security;

/// <summary>
/// The <c>RateLimits:SignIn</c> section. Each web replica counts on its own: with N replicas an address or an account
/// gets up to N times these numbers (docs/decisions.md).
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string SectionName = "RateLimits:SignIn";

    /// <summary>Attempts for one e-mail address per window, from wherever they come.</summary>
    [Range(1, 10_000)]
    public int PerAccountPermits { get; set; } = 10;

    /// <summary>Attempts from one client address per window, for whichever accounts.</summary>
    [Range(1, 100_000)]
    public int PerAddressPermits { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Password guessing is slowed twice: per client address (the rate limiter middleware, before the form is read) and per
/// account (after binding, since the account is in the form). The client address is the connection's, which
/// <see cref="TransportSecurity.UseTransportSecurity"/> (first in the pipeline) replaces with X-Forwarded-For's only
/// when the connection comes from a trusted proxy (ForwardedHeaders:KnownNetworks).
/// </summary>
public static class SignInRateLimits
{
    public const string PerAddressPolicy = "sign-in-per-address";

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInRateLimitOptions>()
            .Bind(configuration.GetSection(SignInRateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignInAccountLimiter>();
        services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, _) => new ValueTask(RateLimitRejection.Result(
                context.Lease, Limits(context.HttpContext).Window, "Too many sign-in attempts from this address.").ExecuteAsync(context.HttpContext));
            options.AddPolicy(PerAddressPolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = Limits(http).PerAddressPermits, Window = Limits(http).Window, QueueLimit = 0 }));
        });
        return services;
    }

    public static RouteHandlerBuilder RequireSignInRateLimits(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(PerAddressPolicy).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var email = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))["email"].ToString() : string.Empty;
            if (string.IsNullOrWhiteSpace(email))
            {
                return await next(context);
            }

            using var lease = http.RequestServices.GetRequiredService<SignInAccountLimiter>().Attempt(email);
            return lease.IsAcquired
                ? await next(context)
                : RateLimitRejection.Result(lease, Limits(http).Window, "Too many sign-in attempts for this account.");
        });

    /// <summary>An IPv6 client usually holds a whole /64, so that is what counts as one address.</summary>
    internal static string ClientAddress(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPAddress([.. address.GetAddressBytes()[..8], 0, 0, 0, 0, 0, 0, 0, 0]) + "/64"
            : address.ToString();
    }

    private static SignInRateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value;
}
