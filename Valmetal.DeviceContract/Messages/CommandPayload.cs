using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>Body of <c>cmd/valmetal/{thing}/req/{commandId}</c>: a command for the device to carry out before it expires.</summary>
public sealed record CommandPayload(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("args")] JsonObject? Args,
    [property: JsonPropertyName("expiresAt")]
    [property: JsonConverter(typeof(UtcRoundTripConverter))]
    DateTimeOffset ExpiresAt);
