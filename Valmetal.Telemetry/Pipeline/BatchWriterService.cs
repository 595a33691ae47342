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
/// A store that cannot be reached is retried, never skipped; while it retries, the queue fills and the MQTT receiver
/// pauses. A store that refuses a message quarantines that message alone (<see cref="IsolatingBatchStore"/>,
/// <see cref="DeviceStateStage"/>), so one device's bad data never holds up the others'.
/// A stored batch's acknowledgements go out while the next batch is stored: one PUBACK per message costs about as
/// much as storing it, so a replica is bounded by the slower of the two instead of their sum (docs/benchmarks.md).
/// </summary>
public sealed partial class BatchWriterService(
    IngestQueue queue,
    IsolatingBatchStore store,
    DeviceStateStage stateStage,
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
        using var activity = TelemetryMetrics.ActivitySource.StartActivity(TelemetryMetrics.BatchActivity);
        activity?.SetTag("valmetal.batch.messages", batch.Count);
        var started = Stopwatch.GetTimestamp();

        var stored = await store.StoreAsync(batch, ct);
        var points = stored.Items.SelectMany(i => i.Points).ToList();
        metrics.Stored(stored.Outcome.PointsInserted, points.Count);
        var storedAt = Stopwatch.GetElapsedTime(started);

        // Only what PostgreSQL kept reaches the shadow: a quarantined message's values were never stored.
        var devices = DeviceStates.Merge(stored.Items);

        // A device that came back by sending data (no status message) is online in the shadow again too.
        foreach (var transition in stored.Outcome.Transitions.Where(t => t.Online))
        {
            if (devices.TryGetValue(transition.Thing, out var device) && device.Change.Online is null)
            {
                device.Change.Status(true, transition.At);
            }
        }

        // Status and reported state are what the device said about itself: stored before the message is acknowledged.
        // Latest values only mirror points already in PostgreSQL, so they are coalesced and written on an interval.
        var refused = await stateStage.WriteAsync(devices.Values.Where(d => d.IsStatement).ToList(), ct);
        await store.RecordAsync(refused, ct);
        foreach (var device in devices.Values.Where(d => !d.IsStatement))
        {
            latestValues.Add(device.Change);
        }

        var stateWrittenAt = Stopwatch.GetElapsedTime(started);
        await _acknowledging;
        var waitedForAcknowledgements = Stopwatch.GetElapsedTime(started) - stateWrittenAt;
        _acknowledging = AcknowledgeAsync([.. batch], ct);

        await live.PublishAsync(devices.Values.Select(d => (d.FarmId, d.Change)), ct);
        await live.PublishAlarmsAsync(stored.Outcome.Alarms, ct);
        metrics.BatchCompleted(Stopwatch.GetElapsedTime(started));
        var rejections = stored.Items.Sum(i => i.Rejections.Count) + stored.Quarantined.Count + refused.Count;
        counters.Add(batch.Count, points.Count, rejections, NewestSample(points));
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

    [LoggerMessage(LogLevel.Information, "Pipeline: {Summary}")]
    private partial void LogStats(string summary);

    [LoggerMessage(LogLevel.Warning, "Acknowledgement not delivered; the broker will redeliver the message")]
    private partial void LogAcknowledgeFailed(Exception ex);
}
