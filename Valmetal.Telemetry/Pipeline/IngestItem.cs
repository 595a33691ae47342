using Valmetal.DeviceContract.Commands;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// One received MQTT message after validation: what to store, and how to acknowledge it once stored.
/// </summary>
public sealed record IngestItem(
    MessageOrigin Origin,
    Guid? FarmId,
    IReadOnlyList<TelemetryPoint> Points,
    IReadOnlyList<RejectedMessage> Rejections,
    DeviceStateChange? StateChange,
    Func<CancellationToken, Task> Acknowledge,
    CommandAnswer? Answer = null,
    DeviceEvent? Event = null);

/// <summary>Where a message came from, kept so that a store's refusal of it can be recorded against it alone.</summary>
public sealed record MessageOrigin(DateTimeOffset ReceivedAt, string Topic, string? Thing, int PayloadBytes);

/// <summary>A device's answer to a command: accepted, succeeded, failed or rejected, with an optional detail.</summary>
public sealed record CommandAnswer(string Thing, Guid CommandId, CommandStatus Status, string? Detail);
