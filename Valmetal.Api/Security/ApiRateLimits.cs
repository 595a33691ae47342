using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Valmetal.Api.Infrastructure;

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

    /// <summary>
    /// Requests a user may make per second, sustained. The bucket fills continuously at this rate (the partitioned
    /// limiter tops every bucket up in proportion to the time passed), so a fraction is a slower rate, not a pause.
    /// </summary>
    [Range(0.001, 10_000)]
    public double PerUserPerSecond { get; set; } = 50;

    /// <summary>History queries a user may have running at once: a chart asks for up to four metrics together.</summary>
    [Range(1, 1_000)]
    public int PerUserConcurrentHistoryQueries { get; set; } = 8;

    /// <summary>CSV exports a user may have streaming at once; each holds a database connection while it streams.</summary>
    [Range(1, 1_000)]
    public int PerUserConcurrentExports { get; set; } = 2;

    /// <summary>
    /// Test notifications a user may ask for per hour: each sends an e-mail, a push to every subscribed browser and an
    /// SMS, which cost money and reach a phone.
    /// </summary>
    [Range(1, 1_000)]
    public int PerUserTestNotificationsPerHour { get; set; } = 5;

    /// <summary>
    /// Business requests one replica serves at once, all users together (<see cref="ReplicaLoadShedding"/>): a little
    /// more than its database pool, since some wait on DynamoDB or S3 instead.
    /// </summary>
    [Range(1, 10_000)]
    public int ReplicaConcurrentRequests { get; set; } = 32;

    /// <summary>Requests a busy replica keeps waiting, oldest first, before it answers 503: about a second of its work.</summary>
    [Range(0, 100_000)]
    public int ReplicaQueuedRequests { get; set; } = 128;
}

/// <summary>
/// Every signed-in request spends from the user's token bucket (the global limiter); history queries and CSV exports
/// also need one of the user's few concurrent slots (their endpoints' policies), since one of them can keep the
/// database busy far longer than any other request; test notifications have an hourly allowance.
/// </summary>
public static class ApiRateLimits
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(ApiRateLimits));

    public const string HistoryPolicy = "history-per-user";
    public const string ExportPolicy = "export-per-user";
    public const string TestNotificationPolicy = "test-notification-per-user";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiRateLimitOptions>()
            .Bind(configuration.GetSection(ApiRateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.OnRejected = (context, _) => new ValueTask(RateLimitRejection.Result(
                context.Lease, TimeSpan.FromSeconds(1),
                seconds => (Text["Title"], context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan _)
                    ? Text["TooManyForUser", seconds]
                    : Text["TooManyAtOnce", seconds])).ExecuteAsync(context.HttpContext));
            // Anonymous requests never get here (authorization runs first) except to public endpoints: no bucket.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Sub(http) is { } sub
                ? RateLimitPartition.GetTokenBucketLimiter(sub, _ =>
                {
                    var limits = Limits(http);
                    return new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.PerUserBurst,
                        // One token per 1/rate seconds: only the ratio counts, as the bucket fills continuously.
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / limits.PerUserPerSecond),
                        QueueLimit = 0,
                    };
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.AddPolicy(HistoryPolicy, http => Concurrent(http, Limits(http).PerUserConcurrentHistoryQueries));
            options.AddPolicy(ExportPolicy, http => Concurrent(http, Limits(http).PerUserConcurrentExports));
            options.AddPolicy(TestNotificationPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                Sub(http) ?? "address:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(http).PerUserTestNotificationsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }

    private static RateLimitPartition<string> Concurrent(HttpContext http, int permits) =>
        RateLimitPartition.GetConcurrencyLimiter(Sub(http) ?? "address:" + http.Connection.RemoteIpAddress, _ =>
            new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });

    private static string? Sub(HttpContext http) => http.User.FindFirst("sub")?.Value is { Length: > 0 } sub ? sub : null;

    private static ApiRateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
}
