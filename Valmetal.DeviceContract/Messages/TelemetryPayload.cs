using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>Body of <c>dt/valmetal/{thing}/telemetry</c>: one sample inline, or buffered samples.</summary>
public sealed record TelemetryPayload
{
    [JsonPropertyName("seq")]
    public required long Seq { get; init; }

    [JsonPropertyName("ts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Ts { get; init; }

    [JsonPropertyName("metrics")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    [JsonPropertyName("samples")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TelemetrySample>? Samples { get; init; }
}

public sealed record TelemetrySample(
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics);
