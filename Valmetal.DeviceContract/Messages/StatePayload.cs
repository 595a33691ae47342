using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>Body of <c>dt/valmetal/{thing}/state</c>: a partial merge of reported values; null deletes a key.</summary>
public sealed record StatePayload(
    [property: JsonPropertyName("reported")] JsonObject Reported,
    [property: JsonPropertyName("version")] long Version);
