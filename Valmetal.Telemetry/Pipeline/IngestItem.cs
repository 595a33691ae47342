using Valmetal.DeviceContract.Commands;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// One received MQTT message after validation: what to store, and how to acknowledge it once stored. Built by the
/// factory named for what the message turned out to be, so each kind carries exactly the parts it stores.
/// </summary>
public sealed record IngestItem
{
    private IngestItem(
        MessageOrigin origin,
        Guid? farmId,
        IReadOnlyList<TelemetryPoint> points,
        IReadOnlyList<RejectedMessage> rejections,
        DeviceStateChange? stateChange,
        Func<CancellationToken, Task> acknowledge,
        CommandAnswer? answer = null,
        DeviceEvent? deviceEvent = null)
    {
        Origin = origin;
        FarmId = farmId;
        Points = points;
        Rejections = rejections;
        StateChange = stateChange;
        Acknowledge = acknowledge;
        Answer = answer;
        Event = deviceEvent;
    }

    public MessageOrigin Origin { get; }

    public Guid? FarmId { get; }

    public IReadOnlyList<TelemetryPoint> Points { get; }

    public IReadOnlyList<RejectedMessage> Rejections { get; }

    public DeviceStateChange? StateChange { get; }

    public Func<CancellationToken, Task> Acknowledge { get; }

    public CommandAnswer? Answer { get; }

    public DeviceEvent? Event { get; }

    /// <summary>Telemetry with at least one accepted value; <paramref name="rejections"/> are the values refused beside them.</summary>
    public static IngestItem Telemetry(
        MessageOrigin origin, Guid farmId, IReadOnlyList<TelemetryPoint> points, IReadOnlyList<RejectedMessage> rejections,
        DeviceStateChange change, Func<CancellationToken, Task> acknowledge) =>
        new(origin, farmId, points, rejections, change, acknowledge);

    /// <summary>What a device said about itself on its status or state topic.</summary>
    public static IngestItem StateReport(MessageOrigin origin, Guid farmId, DeviceStateChange change, Func<CancellationToken, Task> acknowledge) =>
        new(origin, farmId, [], [], change, acknowledge);

    /// <summary>A device event; it also shows the device was there when the message arrived.</summary>
    public static IngestItem EventReport(MessageOrigin origin, Guid farmId, DeviceEvent deviceEvent, Func<CancellationToken, Task> acknowledge) =>
        new(origin, farmId, [], [], new DeviceStateChange(deviceEvent.Thing).Seen(origin.ReceivedAt), acknowledge, deviceEvent: deviceEvent);

    /// <summary>A device's answer to a command.</summary>
    public static IngestItem CommandReply(MessageOrigin origin, CommandAnswer answer, Func<CancellationToken, Task> acknowledge) =>
        new(origin, null, [], [], null, acknowledge, answer);

    /// <summary>A message of which nothing is kept but the record of why it was refused.</summary>
    public static IngestItem Rejection(
        MessageOrigin origin, Guid? farmId, IReadOnlyList<RejectedMessage> rejections, Func<CancellationToken, Task> acknowledge) =>
        new(origin, farmId, [], rejections, null, acknowledge);

    /// <summary>A copy of a message already received: nothing to store, only to acknowledge.</summary>
    public static IngestItem Duplicate(MessageOrigin origin, Func<CancellationToken, Task> acknowledge) =>
        new(origin, null, [], [], null, acknowledge);
}

/// <summary>Where a message came from, kept so that a store's refusal of it can be recorded against it alone.</summary>
public sealed record MessageOrigin(DateTimeOffset ReceivedAt, string Topic, string? Thing, int PayloadBytes);

/// <summary>A device's answer to a command: accepted, succeeded, failed or rejected, with an optional detail.</summary>
public sealed record CommandAnswer(string Thing, Guid CommandId, CommandStatus Status, string? Detail);
