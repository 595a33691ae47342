namespace Valmetal.Api.Features.Admin;

public sealed record RejectedMessageResponse(
    long Id, DateTimeOffset ReceivedAt, string Topic, string? Thing, string Reason, string Detail, int PayloadBytes, string PayloadExcerpt);

/// <summary>Rejections per reason over the last hour, beside the page of records.</summary>
public sealed record RejectionsPage(IReadOnlyList<RejectedMessageResponse> Items, int Page, int PageSize, int Total, IReadOnlyDictionary<string, int> LastHourByReason);

/// <summary>One telemetry replica's latest figures; <c>Stale</c> when it has not reported for three periods.</summary>
public sealed record ReplicaHealth(
    string Replica, DateTimeOffset ReportedAt, bool Stale, double MessagesPerSecond, double PointsPerSecond, double RejectedPerSecond,
    int QueueDepth, double IngestLagMs, double MaxIngestLagMs);

public sealed record PlatformHealth(
    int Devices,
    int DevicesOnline,
    int DevicesNeverSeen,
    int OpenAlarms,
    double MessagesPerSecond,
    double PointsPerSecond,
    double RejectedPerSecond,
    double IngestLagMs,
    double MaxIngestLagMs,
    IReadOnlyList<ReplicaHealth> Replicas,
    DateTimeOffset At);
