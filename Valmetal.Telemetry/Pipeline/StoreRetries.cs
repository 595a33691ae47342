using Polly;
using Polly.Retry;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// One named retry pipeline per store the batch writer depends on. Only transient failures are retried, without
/// end, because the messages stay unacknowledged at the broker meanwhile and nothing is lost by waiting; after
/// <see cref="Ingestion.IngestionOptions.UnhealthyAfter"/> the replica reports itself unready. Permanent failures
/// pass through at once, to be quarantined by the caller.
/// </summary>
public sealed partial class StoreRetries
{
    public const string PostgresStore = "postgres";
    public const string DynamoDbStore = "dynamodb";

    public StoreRetries(PipelineHealth health, TimeProvider time, ILogger<StoreRetries> logger)
    {
        _health = health;
        _logger = logger;
        Postgres = Build(PostgresStore, time);
        DynamoDb = Build(DynamoDbStore, time);
    }

    private readonly PipelineHealth _health;
    private readonly ILogger<StoreRetries> _logger;

    public ResiliencePipeline Postgres { get; }

    public ResiliencePipeline DynamoDb { get; }

    /// <summary>Runs <paramref name="action"/> through the store's pipeline and marks the store healthy once it succeeds.</summary>
    public async Task<T> RunAsync<T>(ResiliencePipeline pipeline, string store, Func<CancellationToken, ValueTask<T>> action, CancellationToken ct)
    {
        var result = await pipeline.ExecuteAsync(action, ct);
        _health.Succeeded(store);
        return result;
    }

    private ResiliencePipeline Build(string store, TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => StoreFailure.Classify(ex) == FailureKind.Transient),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            OnRetry = args =>
            {
                var error = args.Outcome.Exception!;
                _health.Failing(store, error);
                LogRetrying(error, store, args.RetryDelay);
                return default;
            },
        })
        .Build();

    [LoggerMessage(LogLevel.Warning, "Could not write to {Store}; retrying in {Delay}; the messages stay unacknowledged")]
    private partial void LogRetrying(Exception ex, string store, TimeSpan delay);
}
