using System.ComponentModel.DataAnnotations;

namespace Valmetal.Telemetry.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>
    /// Messages the broker may have in flight to us before our acknowledgements; bounds memory too. Two batches: one
    /// stored or acknowledged while the next arrives. (5000 made Mosquitto's delivery collapse to ~200 messages/s once
    /// a backlog had built up; docs/benchmarks.md.)
    /// </summary>
    [Range(10, 65535)]
    public int ReceiveMaximum { get; set; } = 2000;

    /// <summary>Bound of the queue between the MQTT receiver and the batch writer; when full, reading from the socket pauses.</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 5000;

    [Range(1, 100_000)]
    public int MaxBatchMessages { get; set; } = 1000;

    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Older samples are refused: their partitions are past retention.</summary>
    public TimeSpan MaxSampleAge { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CatalogueRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the latest values of the devices that are due (<see cref="LatestValuesInterval"/>) are written.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StateFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// At most one DynamoDB write of a device's latest values per interval; a device not written for this long is
    /// written at the next flush. Readers get values as they come from the live stream; the shadow's copy is for a reader
    /// that starts, so it may lag (docs/benchmarks.md, "Latest values").
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LatestValuesInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the rollup pass recomputes the marked minutes that have closed (<see cref="Storage.RollupPass"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after a minute ends the pass leaves it for samples still on their way. A pass holds the minutes it
    /// recomputes until it commits, and an ingest transaction that marks one of them again waits for it: at 10,000
    /// devices every batch holds some device's last seconds of the minute before, so a pass that came while those were
    /// still queued stalled every batch behind it (docs/benchmarks.md). A minute later comes after the queue, and
    /// readers count marked minutes from their samples, so nothing shows later for it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RollupGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Broker client ids this service may use (valmetal-telemetry-1..n), one per running task: at least the most tasks
    /// it ever runs, counting a deployment's new tasks next to the old ones.
    /// </summary>
    [Range(1, 100)]
    public int ClientSlots { get; set; } = 8;

    /// <summary>A task renews its slot three times per lease; a slot not renewed for this long is abandoned.</summary>
    public TimeSpan SlotLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Ending a session: once everything delivered is acknowledged and the broker has answered a ping, how long no
    /// message may arrive before the session's queue counts as empty (<see cref="Slots.SessionEnding"/>). It covers
    /// the client handing over what it read before the answer, which takes far less.
    /// </summary>
    public TimeSpan DrainQuietPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a task stopping gracefully may spend emptying its session before leaving it to another task: well
    /// inside the time it has before it is killed (ECS's stop timeout of 30 s; the AppHost's orchestrator waits ~12 s).
    /// </summary>
    public TimeSpan DrainLimit { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a store may fail transiently, retried all the while, before the replica reports itself unready.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}
