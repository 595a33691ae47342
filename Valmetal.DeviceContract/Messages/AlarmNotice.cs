using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>An alarm that was raised, acknowledged or cleared, pushed to signed-in users with the live updates.</summary>
public sealed record AlarmNotice(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("raisedAt")] DateTimeOffset RaisedAt);
