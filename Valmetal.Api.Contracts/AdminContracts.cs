using Valmetal.DeviceContract.Rejections;

namespace Valmetal.Api.Contracts;

/// <summary>What was refused from one device for one reason in one minute, with the first few messages as samples.</summary>
public sealed record RejectionResponse(
    DateTimeOffset Minute, string? Thing, string Reason, long Count, long Messages, long PayloadBytes,
    DateTimeOffset FirstAt, DateTimeOffset LastAt, string Topic, string Detail, IReadOnlyList<RejectionSample> Samples);

/// <summary>A device over its rejection budget: its messages are counted, not read, until <c>Until</c>.</summary>
public sealed record QuarantinedDeviceResponse(string Thing, DateTimeOffset Since, DateTimeOffset Until, string Reason);

/// <summary>Rejections per reason over the last hour and the devices in quarantine, beside the page of records.</summary>
public sealed record RejectionsPage(
    IReadOnlyList<RejectionResponse> Items, int Page, int PageSize, int Total, IReadOnlyDictionary<string, long> LastHourByReason,
    IReadOnlyList<QuarantinedDeviceResponse> Quarantined);

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
