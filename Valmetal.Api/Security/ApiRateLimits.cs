using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Valmetal.Api.Security;

/// <summary>
/// The <c>RateLimits:Api</c> section: a token bucket per signed-in user (the token's <c>sub</c>). Each API replica
/// counts on its own: with N replicas a user gets up to N times these numbers (docs/decisions.md).
/// </summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "RateLimits:Api";

    /// <summary>Requests a user may make at once after a quiet moment: a page load asks for several resources together.</summary>
    [Range(1, 100_000)]
    public int PerUserBurst { get; set; } = 200;

    /// <summary>Requests a user may make per second, sustained.</summary>
    [Range(1, 10_000)]
    public int PerUserPerSecond { get; set; } = 50;
}

public static class ApiRateLimits
{
    public const string PerUserPolicy = "api-per-user";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiRateLimitOptions>()
            .Bind(configuration.GetSection(ApiRateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, _) => new ValueTask(RateLimitRejection.Result(
                context.Lease, TimeSpan.FromSeconds(1), "Too many requests for this user.").ExecuteAsync(context.HttpContext));
            options.AddPolicy(PerUserPolicy, http => RateLimitPartition.GetTokenBucketLimiter(UserKey(http), _ =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                return new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PerUserBurst,
                    TokensPerPeriod = limits.PerUserPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                };
            }));
        });
        return services;
    }

    /// <summary>The rate limiter runs after authorization, so every request it sees has a user; the address is a fallback only.</summary>
    private static string UserKey(HttpContext http) =>
        http.User.FindFirst("sub")?.Value is { Length: > 0 } sub ? "sub:" + sub : "address:" + http.Connection.RemoteIpAddress;
}
