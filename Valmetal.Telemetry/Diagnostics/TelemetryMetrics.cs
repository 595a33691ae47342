using System.Diagnostics;
using System.Diagnostics.Metrics;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Diagnostics;

/// <summary>Counters an operator watches: what came in, what was stored, what was refused and why.</summary>
public sealed class TelemetryMetrics
{
    public const string MeterName = "Valmetal.Telemetry";
    public static readonly ActivitySource ActivitySource = new(MeterName);

    /// <summary>The span of one stored batch, from the queue to its acknowledgements.</summary>
    public const string BatchActivity = "telemetry.batch";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _pointsStored;
    private readonly Counter<long> _pointsAlreadyStored;
    private readonly Histogram<double> _batchSeconds;
    private readonly Counter<long> _minutesRolledUp;

    public TelemetryMetrics(IMeterFactory meterFactory, IngestQueue queue)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("valmetal.telemetry.messages", "{message}", "Device messages received, by topic kind");
        _rejections = meter.CreateCounter<long>("valmetal.telemetry.rejections", "{rejection}", "Messages or values refused, by reason");
        _duplicates = meter.CreateCounter<long>("valmetal.telemetry.duplicate_messages", "{message}", "Redelivered messages recognised before storage");
        _pointsStored = meter.CreateCounter<long>("valmetal.telemetry.points_stored", "{point}", "New time-series points stored");
        _pointsAlreadyStored = meter.CreateCounter<long>("valmetal.telemetry.points_already_stored", "{point}", "Points ignored because (thing, metric, ts) was stored before");
        _batchSeconds = meter.CreateHistogram<double>("valmetal.telemetry.batch_duration", "s", "Time to store one batch and acknowledge it");
        _minutesRolledUp = meter.CreateCounter<long>("valmetal.telemetry.minutes_rolled_up", "{minute}", "Device minutes whose rollups the rollup pass recomputed");
        meter.CreateObservableGauge("valmetal.telemetry.queue_depth", () => queue.Count, "{message}", "Messages waiting to be stored");
    }

    public void MessageReceived(string kind) => _messages.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Rejected(string reason, int count = 1) => _rejections.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void Duplicate() => _duplicates.Add(1);

    public void Stored(int inserted, int total)
    {
        _pointsStored.Add(inserted);
        _pointsAlreadyStored.Add(total - inserted);
    }

    public void BatchCompleted(TimeSpan duration) => _batchSeconds.Record(duration.TotalSeconds);

    public void RolledUp(int minutes) => _minutesRolledUp.Add(minutes);
}
