using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// Compact update published on <c>app/valmetal/live/{farmId}</c> once data is stored: new values and connectivity from
/// the telemetry service, or an alarm's change (from the telemetry service, or from the API when someone acknowledges).
/// The optional fields after <see cref="Alarm"/> let each API replica keep its cached device state current: when the
/// device was last heard from and its status changed, and which reported or desired version the shadow now holds
/// (the cache re-reads a unit whose version it has not seen).
/// </summary>
public sealed record LiveUpdate(
    [property: JsonPropertyName("thing")] string Thing,
    [property: JsonPropertyName("farmId")] Guid FarmId,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double>? Metrics,
    [property: JsonPropertyName("online")] bool? Online,
    [property: JsonPropertyName("alarm")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    AlarmNotice? Alarm = null,
    [property: JsonPropertyName("lastSeen")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    DateTimeOffset? LastSeen = null,
    [property: JsonPropertyName("statusChangedAt")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    DateTimeOffset? StatusChangedAt = null,
    [property: JsonPropertyName("reportedVersion")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? ReportedVersion = null,
    [property: JsonPropertyName("desiredVersion")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? DesiredVersion = null);
