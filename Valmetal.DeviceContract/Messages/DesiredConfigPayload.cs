using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// Body of <c>cmd/valmetal/{thing}/config</c>, retained like a shadow's desired state: the whole desired configuration
/// and its version, for the device to apply and report back on its state topic.
/// </summary>
public sealed record DesiredConfigPayload(
    [property: JsonPropertyName("desired")] JsonObject? Desired,
    [property: JsonPropertyName("version")] long Version);
