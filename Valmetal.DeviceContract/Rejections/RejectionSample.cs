using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Rejections;

/// <summary>
/// One refused message kept as an example beside its minute's count (telemetry.rejections.samples): written by the
/// telemetry service, read by the API.
/// </summary>
public sealed record RejectionSample(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("bytes")] int Bytes,
    [property: JsonPropertyName("excerpt")] string Excerpt)
{
    /// <summary>Samples kept per device, reason and minute.</summary>
    public const int MaxPerMinute = 3;
}
