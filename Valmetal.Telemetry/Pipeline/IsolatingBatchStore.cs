using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Stores a batch in PostgreSQL so that one message the database refuses costs only itself: a refused batch is
/// halved until the refused messages stand alone, those are quarantined as rejections, and the rest is stored.
/// Halving costs about 2·log2(batch) extra transactions per poison message, paid only when one arrives.
/// </summary>
public sealed partial class IsolatingBatchStore(
    IBatchStore store,
    DeviceCatalogue catalogue,
    StoreRetries retries,
    TelemetryMetrics metrics,
    ILogger<IsolatingBatchStore> logger)
{
    public async Task<StoredBatch> StoreAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        var result = new StoredBatch();
        await StoreOrSplitAsync(items, result, ct);
        await RecordAsync(result.Quarantined, ct);
        return result;
    }

    /// <summary>Stores quarantine records of messages that a store refused.</summary>
    public async Task RecordAsync(IReadOnlyList<RejectedMessage> quarantined, CancellationToken ct)
    {
        if (quarantined.Count == 0)
        {
            return;
        }

        foreach (var record in quarantined)
        {
            metrics.Rejected(record.Reason);
        }

        try
        {
            await retries.RunAsync(retries.Postgres, StoreRetries.PostgresStore,
                async token => await store.WriteAsync(BatchContent.OfRejections(quarantined), token), ct);
        }
        catch (Exception ex) when (StoreFailure.Classify(ex) == FailureKind.Permanent && !ct.IsCancellationRequested)
        {
            // Records are cut and cleaned to fit their columns, so this is not expected; the log and the metric keep them.
            LogRecordsRefused(ex, quarantined.Count);
        }
    }

    private async Task StoreOrSplitAsync(IReadOnlyList<IngestItem> items, StoredBatch result, CancellationToken ct)
    {
        try
        {
            var outcome = await retries.RunAsync(retries.Postgres, StoreRetries.PostgresStore,
                async token => await store.WriteAsync(BatchContent.Of(items, catalogue), token), ct);
            result.Stored(items, outcome);
        }
        catch (Exception ex) when (StoreFailure.Classify(ex) == FailureKind.Permanent && !ct.IsCancellationRequested)
        {
            if (items.Count == 1)
            {
                LogQuarantined(ex, items[0].Origin.Topic);
                result.Quarantined.Add(StoreRefusals.Record(items[0], "PostgreSQL", ex));
                return;
            }

            var half = items.Count / 2;
            await StoreOrSplitAsync(items.Take(half).ToList(), result, ct);
            await StoreOrSplitAsync(items.Skip(half).ToList(), result, ct);
        }
    }

    [LoggerMessage(LogLevel.Warning, "PostgreSQL refused a message on {Topic}; it is quarantined and the rest of its batch is stored")]
    private partial void LogQuarantined(Exception ex, string topic);

    [LoggerMessage(LogLevel.Error, "PostgreSQL refused {Count} quarantine records; they are in this log only")]
    private partial void LogRecordsRefused(Exception ex, int count);
}

/// <summary>What a batch left behind in PostgreSQL: the messages stored, what that decided, and what was quarantined.</summary>
public sealed class StoredBatch
{
    public List<IngestItem> Items { get; } = [];

    public BatchOutcome Outcome { get; private set; } = BatchOutcome.Empty;

    public List<RejectedMessage> Quarantined { get; } = [];

    public void Stored(IReadOnlyList<IngestItem> items, BatchOutcome outcome)
    {
        Items.AddRange(items);
        Outcome = Outcome.Plus(outcome);
    }
}
