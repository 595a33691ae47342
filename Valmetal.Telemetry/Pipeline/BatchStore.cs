using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Budget;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Presence;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Stores a batch in one PostgreSQL transaction: points and rollups (or, with Timestream, points there first),
/// rejections, command answers, device events,
/// threshold runs, presence, the alarms they raise or clear, and the quarantines of devices over their rejection
/// budget. All of it commits, or none of it and the batch
/// is retried: redelivered data is ignored by every table's key, so nothing is counted twice.
/// </summary>
public sealed partial class BatchStore(
    NpgsqlDataSource dataSource,
    ITimeSeriesWriter timeSeries,
    DeviceCatalogue catalogue,
    DeviceQuarantine quarantine,
    IOptions<RejectionBudgetOptions> budget,
    TimeProvider time,
    ILogger<BatchStore> logger) : IBatchStore
{
    public async Task<BatchOutcome> WriteAsync(BatchContent content, CancellationToken ct)
    {
        if (content.IsEmpty)
        {
            return BatchOutcome.Empty;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await timeSeries.PrepareAsync(connection, content.Points, ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // First in the transaction, before it holds any row lock: the Timestream writer waits on the network here.
        var inserted = await timeSeries.WriteAsync(connection, transaction, content.Points, ct);
        var quarantined = await RejectionStore.WriteAsync(connection, transaction, content.Rejections, budget.Value, time.GetUtcNow(), ct);
        await CommandAnswerStore.WriteAsync(connection, transaction, content.Answers, ct);
        var alarms = await FaultAlarms.ApplyAsync(connection, transaction, content.Events, ct);
        alarms.AddRange(await ThresholdAlarms.ApplyAsync(connection, transaction, content.ThresholdRuns, catalogue, ct));
        var (transitions, connectivityAlarms) = await PresenceStore.ApplyAsync(connection, transaction, content.Presence, ct);
        alarms.AddRange(connectivityAlarms);
        await transaction.CommitAsync(ct);
        foreach (var (thing, until) in quarantined)
        {
            quarantine.Add(thing, until);
            LogQuarantined(thing, until);
        }

        return new BatchOutcome(inserted, alarms, transitions);
    }

    [LoggerMessage(LogLevel.Warning, "{Thing} is over its rejection budget: its messages are counted, not read, until {Until:O}")]
    private partial void LogQuarantined(string thing, DateTimeOffset until);
}

/// <summary>Stores one batch atomically; the seam where <see cref="IsolatingBatchStore"/> narrows a refusal down.</summary>
public interface IBatchStore
{
    Task<BatchOutcome> WriteAsync(BatchContent content, CancellationToken ct);
}
