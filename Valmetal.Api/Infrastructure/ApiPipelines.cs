using Npgsql;
using Polly;
using Polly.Retry;

namespace Valmetal.Api.Infrastructure;

/// <summary>The API's named resilience pipelines, resolved through <see cref="Polly.Registry.ResiliencePipelineProvider{TKey}"/>.</summary>
public static class ApiPipelines
{
    /// <summary>
    /// A PostgreSQL read (<see cref="TimedRead"/>) on a connection PostgreSQL dropped (a restart or a failover ends every
    /// pooled connection): run again after 50 ms, 500 ms and 2 s, since a read run twice is harmless. Nothing else is
    /// tried again: not an error in the query, not a timeout (its wait already used the read's whole limit, and the
    /// caller is told to come back later), not a read its caller gave up.
    /// </summary>
    public const string TransientReads = "transient-reads";

    private static readonly TimeSpan[] ReadPauses = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    /// <summary>Whether a read failed for a reason that may be gone when it runs again.</summary>
    public static bool IsTransientRead(Exception ex) =>
        ex is NpgsqlException { IsTransient: true } && !QueryTimeoutExceptionHandler.IsQueryTimeout(ex);

    public static IServiceCollection AddApiPipelines(this IServiceCollection services) =>
        services.AddResiliencePipeline(TransientReads, builder => builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } ex && IsTransientRead(ex) && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = ReadPauses.Length,
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(ReadPauses[args.AttemptNumber]),
        }));
}
