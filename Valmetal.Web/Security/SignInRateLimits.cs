using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Valmetal.Web.Security;

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
            options.OnRejected = (context, _) =>
            {
                var text = Localizer(context.HttpContext);
                return new ValueTask(RateLimitRejection.Result(context.Lease, Limits(context.HttpContext).Window, text["TooManyFromAddress"])
                    .ExecuteAsync(context.HttpContext));
            };
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
            if (lease.IsAcquired)
            {
                return await next(context);
            }

            var text = Localizer(http);
            return RateLimitRejection.Result(lease, Limits(http).Window, text["TooManyForAccount"]);
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

    /// <summary>The refusal is read by whoever signs in, in their language.</summary>
    private static IStringLocalizer Localizer(HttpContext http) =>
        http.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SignInRateLimits));

    private static SignInRateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value;
}
