using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>The bounded hand-off between the MQTT receiver and the batch writer: back-pressure, never unbounded memory.</summary>
public sealed class IngestQueue(IOptions<IngestionOptions> options)
{
    private readonly Channel<IngestItem> _channel = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public ValueTask EnqueueAsync(IngestItem item, CancellationToken ct) => _channel.Writer.WriteAsync(item, ct);
}
