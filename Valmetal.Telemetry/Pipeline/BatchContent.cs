using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Presence;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>Everything a batch of messages must make durable before any of them is acknowledged.</summary>
public sealed record BatchContent(
    IReadOnlyList<TelemetryPoint> Points,
    IReadOnlyList<RejectedMessage> Rejections,
    IReadOnlyList<CommandAnswer> Answers,
    IReadOnlyList<DeviceEvent> Events,
    IReadOnlyList<ThresholdRun> ThresholdRuns,
    IReadOnlyList<PresenceUpdate> Presence)
{
    public bool IsEmpty => Points.Count == 0 && Rejections.Count == 0 && Answers.Count == 0 && Events.Count == 0 && Presence.Count == 0;
}

/// <summary>What committing a batch decided: new points, alarms raised or cleared, devices that came or went.</summary>
public sealed record BatchOutcome(int PointsInserted, IReadOnlyList<AlarmChange> Alarms, IReadOnlyList<PresenceTransition> Transitions)
{
    public static readonly BatchOutcome Empty = new(0, [], []);
}
