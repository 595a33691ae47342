using Valmetal.Telemetry.Storage;

namespace Valmetal.Bench.Storage;

/// <summary>One message of the storage bench: its metrics and values side by side.</summary>
public sealed record StoredMessage(string Thing, DateTime Timestamp, string[] Metrics, double[] Values)
{
    public IEnumerable<TelemetryPoint> Points => Metrics.Select((metric, i) => new TelemetryPoint(Thing, metric, Timestamp, Values[i]));
}
