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
/// alarms, presence), apply merged device state (one write per device), then acknowledge every message of the batch
/// (<see cref="AcknowledgementPipeline"/>: while the next batch is stored).
/// A store that cannot be reached is retried, never skipped; while it retries, the queue fills and the MQTT receiver
/// pauses. A store that refuses a message quarantines that message alone (<see cref="IsolatingBatchStore"/>,
/// <see cref="DeviceStateStage"/>), so one device's bad data never holds up the others'.
/// </summary>
public sealed partial class BatchWriterService(
    IngestQueue queue,
    IsolatingBatchStore store,
    DeviceStateStage stateStage,
    AcknowledgementPipeline acknowledgements,
    LatestValuesCoalescer latestValues,
    LivePublisher live,
    TelemetryMetrics metrics,
    PipelineCounters counters,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<BatchWriterService> logger) : BackgroundService
{
    private readonly PipelineStats _stats = new();

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

        await acknowledgements.Sending;
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

        var (durable, waitedForAcknowledgements) = await acknowledgements.StoreThenAcknowledgeAsync(
            batch, token => StoreAsync(batch, started, token), ct);

        var devices = durable.Devices;
        await live.PublishAsync(devices.Values.Select(d => (d.FarmId, d.Change)), ct);
        await live.PublishAlarmsAsync(durable.Stored.Outcome.Alarms, ct);
        metrics.BatchCompleted(Stopwatch.GetElapsedTime(started));
        var rejections = durable.Stored.Items.Sum(i => i.Rejections.Count) + durable.Stored.Quarantined.Count + durable.Refused.Count;
        counters.Add(batch.Count, durable.Points.Count, rejections, NewestSample(durable.Points));
        if (_stats.Add(batch.Count, durable.StoredIn, waitedForAcknowledgements) is { } summary)
        {
            LogStats(summary);
        }
    }

    /// <summary>Everything the batch's messages must leave behind before they are acknowledged.</summary>
    private async Task<DurableBatch> StoreAsync(List<IngestItem> batch, long started, CancellationToken ct)
    {
        var stored = await store.StoreAsync(batch, ct);
        var points = stored.Items.SelectMany(i => i.Points).ToList();
        metrics.Stored(stored.Outcome.PointsInserted, points.Count);
        var storedIn = Stopwatch.GetElapsedTime(started);

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

        return new DurableBatch(stored, points, devices, refused, storedIn);
    }

    private DateTimeOffset? NewestSample(List<Storage.TelemetryPoint> points)
    {
        var newest = points.Count > 0 ? points.Max(p => p.Timestamp) : (DateTime?)null;
        return newest is { } at && at <= time.GetUtcNow().UtcDateTime ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    [LoggerMessage(LogLevel.Information, "Pipeline: {Summary}")]
    private partial void LogStats(string summary);

    /// <param name="StoredIn">From the start of the batch until PostgreSQL had it, for the pipeline's log line.</param>
    private sealed record DurableBatch(
        StoredBatch Stored,
        List<Storage.TelemetryPoint> Points,
        Dictionary<string, DeviceStates> Devices,
        IReadOnlyList<Storage.RejectedMessage> Refused,
        TimeSpan StoredIn);
}
