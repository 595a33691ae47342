using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>Compact update the telemetry service publishes on <c>app/valmetal/live/{farmId}</c> once data is stored.</summary>
public sealed record LiveUpdate(
    [property: JsonPropertyName("thing")] string Thing,
    [property: JsonPropertyName("farmId")] Guid FarmId,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double>? Metrics,
    [property: JsonPropertyName("online")] bool? Online);
