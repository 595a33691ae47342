using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Storage;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.Pipeline;

/// <summary>Stands in for PostgreSQL: refuses, as a whole transaction, any batch holding a poison point.</summary>
internal sealed class RefusingDatabase : IBatchStore
{
    public const string Poison = "poison";

    public static readonly IOptions<IngestionOptions> Options = Microsoft.Extensions.Options.Options.Create(new IngestionOptions());

    public List<TelemetryPoint> Points { get; } = [];

    public List<RejectedMessage> Rejections { get; } = [];

    public int Unreachable { get; set; }

    public int Attempts { get; private set; }

    /// <summary>A telemetry message of the demo mixer with one point, told apart by its topic, <c>seq-{seq}</c>.</summary>
    public static IngestItem Item(int seq, string metric, Func<CancellationToken, Task>? acknowledge = null) => IngestItem.Telemetry(
        new MessageOrigin(Now, $"seq-{seq}", Mixer, 100),
        Fleet.Equipment[0].FarmId,
        [new TelemetryPoint(Mixer, metric, Now.UtcDateTime.AddSeconds(-seq), seq)],
        [],
        new DeviceStateChange(Mixer).Seen(Now),
        acknowledge ?? (_ => Task.CompletedTask));

    /// <summary>The store the batch writer uses, over this database, retrying on the real clock.</summary>
    public IsolatingBatchStore Isolating(out PipelineHealth health)
    {
        health = new PipelineHealth(TimeProvider.System, Options);
        var retries = new StoreRetries(health, TimeProvider.System, NullLogger<StoreRetries>.Instance);
        var metrics = new TelemetryMetrics(new Meters(), new IngestQueue(Options));
        return new IsolatingBatchStore(this, DemoCatalogue(), retries, metrics, NullLogger<IsolatingBatchStore>.Instance);
    }

    public Task<BatchOutcome> WriteAsync(BatchContent content, CancellationToken ct)
    {
        Attempts++;
        if (Unreachable-- > 0)
        {
            throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
        }

        if (content.Points.Any(p => p.Metric == Poison))
        {
            throw new PostgresException("invalid byte sequence for encoding \"UTF8\"", "ERROR", "ERROR", "22021");
        }

        Points.AddRange(content.Points);
        Rejections.AddRange(content.Rejections);
        return Task.FromResult(new BatchOutcome(content.Points.Count, [], []));
    }

    private sealed class Meters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
