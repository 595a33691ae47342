using System.Text.Json;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Bench;

/// <summary>The telemetry message every bench device sends: 3 metrics, each inside its valid range.</summary>
public static class BenchPayloads
{
    /// <summary>The contract's telemetry message, serialized by its build-time serializer to keep up with the broker.</summary>
    public static byte[] Telemetry(IReadOnlyList<MetricDefinition> metrics, long seq, DateTime sampleTime) => JsonSerializer.SerializeToUtf8Bytes(new TelemetryPayload
    {
        Seq = seq,
        Ts = new DateTimeOffset(sampleTime, TimeSpan.Zero),
        Metrics = new Dictionary<string, double>(3)
        {
            [metrics[0].Key] = Valid(metrics[0], seq), [metrics[1].Key] = Valid(metrics[1], seq), [metrics[2].Key] = Valid(metrics[2], seq),
        },
    }, TelemetryJson.Default.TelemetryPayload);

    /// <summary>A value inside the metric's valid range: the benchmark measures storage, not rejection.</summary>
    private static double Valid(MetricDefinition metric, long seq) =>
        Math.Round(metric.MinValid + (metric.MaxValid - metric.MinValid) * (seq % 10) / 10.0, 2);
}
