using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// Compact update published on <c>app/valmetal/live/{farmId}</c> once data is stored: new values and connectivity from
/// the telemetry service, or an alarm's change (from the telemetry service, or from the API when someone acknowledges).
/// </summary>
public sealed record LiveUpdate(
    [property: JsonPropertyName("thing")] string Thing,
    [property: JsonPropertyName("farmId")] Guid FarmId,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double>? Metrics,
    [property: JsonPropertyName("online")] bool? Online,
    [property: JsonPropertyName("alarm")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    AlarmNotice? Alarm = null);
