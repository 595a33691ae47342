using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// Body of <c>dt/valmetal/{thing}/events</c>: a fault (or other condition) becoming active or inactive on the device.
/// An active fault raises an alarm; the same code reported inactive clears it.
/// </summary>
public sealed record EventPayload(
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public const int MaxMessageLength = 256;
}
