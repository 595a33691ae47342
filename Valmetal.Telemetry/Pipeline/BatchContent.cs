using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.DeviceStateUpdates;
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

    public static BatchContent Of(IReadOnlyCollection<IngestItem> items, DeviceCatalogue catalogue)
    {
        var points = items.SelectMany(i => i.Points).ToList();
        return new BatchContent(
            points,
            items.SelectMany(i => i.Rejections).ToList(),
            items.Where(i => i.Answer is not null).Select(i => i.Answer!).ToList(),
            items.Where(i => i.Event is not null).Select(i => i.Event!).ToList(),
            ThresholdRun.Of(points, catalogue),
            DeviceStates.Merge(items).Values.Select(d => ToPresence(d.Change)).OfType<PresenceUpdate>().ToList());
    }

    /// <summary>Only quarantine records, stored after the data they stand for was refused.</summary>
    public static BatchContent OfRejections(IReadOnlyList<RejectedMessage> rejections) => new([], rejections, [], [], [], []);

    private static PresenceUpdate? ToPresence(DeviceStateChange change) =>
        (change.LastSeen ?? change.StatusChangedAt) is { } seen
            ? new PresenceUpdate(change.Thing, seen, change.Online, change.StatusChangedAt)
            : null;
}

/// <summary>What committing a batch decided: new points, alarms raised or cleared, devices that came or went.</summary>
public sealed record BatchOutcome(int PointsInserted, IReadOnlyList<AlarmChange> Alarms, IReadOnlyList<PresenceTransition> Transitions)
{
    public static readonly BatchOutcome Empty = new(0, [], []);

    public BatchOutcome Plus(BatchOutcome other) =>
        new(PointsInserted + other.PointsInserted, [.. Alarms, .. other.Alarms], [.. Transitions, .. other.Transitions]);
}
