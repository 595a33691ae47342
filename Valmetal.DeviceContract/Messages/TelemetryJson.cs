using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// <see cref="TelemetryPayload"/>'s serializer made at build time, for those who write telemetry by the thousand a
/// second (the bench): no reflection per message, the same bytes as the default serializer.
/// </summary>
[JsonSerializable(typeof(TelemetryPayload))]
public sealed partial class TelemetryJson : JsonSerializerContext;
