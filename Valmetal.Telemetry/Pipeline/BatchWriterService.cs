using System.Diagnostics;
using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Live;
using Valmetal.Telemetry.Presence;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Drains the ingest queue in batches: store everything in one transaction (points, rejections, answers, events,
/// alarms, presence), apply merged device state (one write per device), then acknowledge every message of the batch.
/// A failed write is retried, never skipped; while it retries, the queue fills and the MQTT receiver pauses.
/// A stored batch's acknowledgements go out while the next batch is stored: one PUBACK per message costs about as
/// much as storing it, so a replica is bounded by the slower of the two instead of their sum (docs/benchmarks.md).
/// </summary>
public sealed partial class BatchWriterService(
    IngestQueue queue,
    BatchStore store,
    DeviceCatalogue catalogue,
    DeviceStateWriter stateWriter,
    LatestValuesCoalescer latestValues,
    LivePublisher live,
    TelemetryMetrics metrics,
    PipelineCounters counters,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<BatchWriterService> logger) : BackgroundService
{
    /// <summary>
    /// Longer than the client's keep-alive takes to declare a silent connection dead (1.5 × 30 s): a busy broker that
    /// reads our acknowledgements slowly is waited for (that is back-pressure), a dead connection fails them by itself.
    /// </summary>
    private static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(60);
    private readonly PipelineStats _stats = new();

    /// <summary>The previous batch's acknowledgements; at most one batch's are in flight, so their memory is bounded.</summary>
    private Task _acknowledging = Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IngestItem>(options.Value.MaxBatchMessages);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            Fill(batch);
            if (batch.Count < options.Value.MaxBatchMessages)
            {
                await Task.Delay(options.Value.MaxBatchDelay, stoppingToken);
                Fill(batch);
            }

            await ProcessAsync(batch, stoppingToken);
            batch.Clear();
        }

        await _acknowledging;
    }

    private void Fill(List<IngestItem> batch)
    {
        while (batch.Count < options.Value.MaxBatchMessages && queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    private async Task ProcessAsync(List<IngestItem> batch, CancellationToken ct)
    {
        using var activity = TelemetryMetrics.ActivitySource.StartActivity("telemetry.batch");
        activity?.SetTag("valmetal.batch.messages", batch.Count);
        var started = Stopwatch.GetTimestamp();

        var changes = Merge(batch);
        var points = batch.SelectMany(i => i.Points).ToList();
        var content = new BatchContent(
            points,
            batch.SelectMany(i => i.Rejections).ToList(),
            batch.Where(i => i.Answer is not null).Select(i => i.Answer!).ToList(),
            batch.Where(i => i.Event is not null).Select(i => i.Event!).ToList(),
            ThresholdRun.Of(points, catalogue),
            changes.Values.Select(c => ToPresence(c.Change)).OfType<PresenceUpdate>().ToList());
        var outcome = await RetryAsync("store the batch", () => store.WriteAsync(content, ct), ct);
        metrics.Stored(outcome.PointsInserted, points.Count);
        var storedAt = Stopwatch.GetElapsedTime(started);

        // A device that came back by sending data (no status message) is online in the shadow again too.
        foreach (var transition in outcome.Transitions.Where(t => t.Online))
        {
            if (changes.TryGetValue(transition.Thing, out var change) && change.Change.Online is null)
            {
                change.Change.Status(true, transition.At);
            }
        }

        // Status and reported state are what the device said about itself: stored before the message is acknowledged.
        // Latest values only mirror points already in PostgreSQL, so they are coalesced and written on an interval.
        var statements = changes.Values.Select(c => c.Change).Where(c => c.Online is not null || c.Reported is not null).ToList();
        if (statements.Count > 0)
        {
            await RetryAsync("write device state", async () =>
            {
                await stateWriter.WriteAsync(statements, ct);
                return 0;
            }, ct);
        }

        foreach (var (_, change) in changes.Values.Where(c => c.Change.Online is null && c.Change.Reported is null))
        {
            latestValues.Add(change);
        }

        var stateWrittenAt = Stopwatch.GetElapsedTime(started);
        await _acknowledging;
        var waitedForAcknowledgements = Stopwatch.GetElapsedTime(started) - stateWrittenAt;
        _acknowledging = AcknowledgeAsync([.. batch], ct);

        await live.PublishAsync(changes.Values, ct);
        await live.PublishAlarmsAsync(outcome.Alarms, ct);
        metrics.BatchCompleted(Stopwatch.GetElapsedTime(started));
        counters.Add(batch.Count, points.Count, content.Rejections.Count, NewestSample(points));
        if (_stats.Add(batch.Count, storedAt, waitedForAcknowledgements) is { } summary)
        {
            LogStats(summary);
        }
    }

    /// <summary>
    /// Acknowledges every message of a stored batch. An acknowledgement that fails or hangs belongs to a connection
    /// that dropped since the message arrived: the broker redelivers the message and storage ignores the copy.
    /// </summary>
    private async Task AcknowledgeAsync(IngestItem[] batch, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(AcknowledgeTimeout);
        foreach (var item in batch)
        {
            try
            {
                await item.Acknowledge(patience.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogAcknowledgeFailed(ex);
                if (patience.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private DateTimeOffset? NewestSample(List<Storage.TelemetryPoint> points)
    {
        var newest = points.Count > 0 ? points.Max(p => p.Timestamp) : (DateTime?)null;
        return newest is { } at && at <= time.GetUtcNow().UtcDateTime ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private static PresenceUpdate? ToPresence(DeviceStateChange change) =>
        (change.LastSeen ?? change.StatusChangedAt) is { } seen
            ? new PresenceUpdate(change.Thing, seen, change.Online, change.StatusChangedAt)
            : null;

    private static Dictionary<string, (Guid FarmId, DeviceStateChange Change)> Merge(List<IngestItem> batch)
    {
        var merged = new Dictionary<string, (Guid, DeviceStateChange)>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (item.StateChange is not { } change || item.FarmId is not { } farmId)
            {
                continue;
            }

            if (merged.TryGetValue(change.Thing, out var existing))
            {
                existing.Item2.MergeFrom(change);
            }
            else
            {
                var copy = new DeviceStateChange(change.Thing);
                copy.MergeFrom(change);
                merged[change.Thing] = (farmId, copy);
            }
        }

        return merged;
    }

    private async Task<T> RetryAsync<T>(string what, Func<Task<T>> action, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogRetrying(ex, what, delay);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Pipeline: {Summary}")]
    private partial void LogStats(string summary);

    [LoggerMessage(LogLevel.Warning, "Could not {What}; retrying in {Delay}; the batch stays unacknowledged")]
    private partial void LogRetrying(Exception ex, string what, TimeSpan delay);

    [LoggerMessage(LogLevel.Warning, "Acknowledgement not delivered; the broker will redeliver the message")]
    private partial void LogAcknowledgeFailed(Exception ex);
}
