using System.Text.Json.Nodes;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Contracts;

/// <summary>
/// A device's live state; <c>Online</c> already accounts for the model's inactivity timeout. <c>Metadata</c> says when
/// each reported and desired key was last written, like an IoT shadow's metadata.
/// </summary>
public sealed record DeviceStateResponse(
    string SerialNumber,
    bool Online,
    DateTimeOffset? LastSeen,
    DateTimeOffset? StatusChangedAt,
    IReadOnlyDictionary<string, MetricReading> Metrics,
    JsonObject Reported,
    long? ReportedVersion,
    JsonObject Desired,
    long DesiredVersion,
    JsonObject Delta,
    ShadowMetadata Metadata);

public sealed record ShadowMetadata(IReadOnlyDictionary<string, DateTimeOffset> Reported, IReadOnlyDictionary<string, DateTimeOffset> Desired)
{
    public static readonly ShadowMetadata None = new(new Dictionary<string, DateTimeOffset>(), new Dictionary<string, DateTimeOffset>());
}
