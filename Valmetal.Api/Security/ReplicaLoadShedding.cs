using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Security;

/// <summary>
/// A replica serves at most <see cref="ApiRateLimitOptions.ReplicaConcurrentRequests"/> business requests at once and
/// queues <see cref="ApiRateLimitOptions.ReplicaQueuedRequests"/> more, oldest first; past that it answers 503 with
/// Retry-After at once. Offered more than it can serve, an API that queues everything serves almost nothing: each
/// request waits past its caller's timeout, having cost its CPU and a database connection anyway (docs/benchmarks.md,
/// "API under load while ingesting"). 503 rather than 429: the replica is busy, not the caller over its allowance.
/// It runs before authentication, which costs CPU too. Long-lived requests are not counted, as they would hold a place
/// for minutes: the live stream, which waits for updates without the database, and CSV exports, bounded per user.
/// </summary>
public static class ReplicaLoadShedding
{
    /// <summary>Counts the requests answered 503 (valmetal.api.requests.shed).</summary>
    public const string MeterName = "Valmetal.Api.LoadShedding";

    private static readonly IStringLocalizer Text = ApiText.For(typeof(ReplicaLoadShedding));

    public static IServiceCollection AddReplicaLoadShedding(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
            return new ReplicaCapacity(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ReplicaConcurrentRequests,
                QueueLimit = limits.ReplicaQueuedRequests,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }), provider.GetRequiredService<IMeterFactory>().Create(MeterName).CreateCounter<long>("valmetal.api.requests.shed", unit: "{request}"));
        });
        return services;
    }

    /// <summary>Counts the requests of the endpoints below (a route group) against the replica's capacity.</summary>
    public static TBuilder SharesReplicaCapacity<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReplicaCapacityMetadata(Counted: true));

    /// <summary>A long-lived endpoint inside a counted group: not counted.</summary>
    public static TBuilder LongLived<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReplicaCapacityMetadata(Counted: false));

    public static IApplicationBuilder UseReplicaLoadShedding(this IApplicationBuilder app)
    {
        var capacity = app.ApplicationServices.GetRequiredService<ReplicaCapacity>();
        return app.Use(async (context, next) =>
        {
            // The endpoint's own metadata comes after its group's, so the last one found decides.
            if (context.GetEndpoint()?.Metadata.GetMetadata<ReplicaCapacityMetadata>() is not { Counted: true })
            {
                await next(context);
                return;
            }

            using var lease = await capacity.Limiter.AcquireAsync(1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                capacity.Shed.Add(1);
                await RateLimitRejection.Busy(retryAfterSeconds: 1, Text["Title"], Text["Detail"]).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    private sealed record ReplicaCapacityMetadata(bool Counted);

    /// <summary>Internal so tests can see a request waiting in the queue.</summary>
    internal sealed record ReplicaCapacity(ConcurrencyLimiter Limiter, Counter<long> Shed);
}
