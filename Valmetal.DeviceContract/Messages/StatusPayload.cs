using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>Body of <c>dt/valmetal/{thing}/status</c>, retained; also the device's will message.</summary>
public sealed record StatusPayload(
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts);
