using System.Text.Json.Nodes;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Rejections;

namespace Valmetal.Web.ApiClient;

// Shapes of the API's JSON as this front end reads them; the API's OpenAPI document is the reference.
public sealed record FarmView(Guid Id, string Name, string Address, string TimeZone, int EquipmentCount);

public sealed record EquipmentView(
    string SerialNumber, string DisplayName, string ModelCode, string ModelName, string Kind,
    Guid FarmId, string FarmName, DateOnly InstalledOn, string Firmware);

public sealed record EquipmentPageView(IReadOnlyList<EquipmentView> Items, int Page, int PageSize, int Total);

/// <summary>A metric of a model's catalogue, named in English and in French.</summary>
public sealed record MetricView(
    string Key, string DisplayName, string Unit, double MinValid, double MaxValid, double? WarningAbove, double? CriticalAbove,
    int AlarmDelaySeconds, string DisplayNameFr, string UnitFr)
{
    /// <summary>The name in the reader's language.</summary>
    public string Name => Localization.Languages.ReaderIsFrench ? DisplayNameFr : DisplayName;

    /// <summary>The unit as the reader's language writes it.</summary>
    public string ShownUnit => Localization.Languages.ReaderIsFrench ? UnitFr : Unit;
}

public sealed record EquipmentDetailView(EquipmentView Equipment, int InactivityTimeoutSeconds, IReadOnlyList<MetricView> Metrics);

public sealed record ReadingView(double Value, DateTimeOffset Ts);

public sealed record DeviceStateView(
    string SerialNumber, bool Online, DateTimeOffset? LastSeen, DateTimeOffset? StatusChangedAt,
    Dictionary<string, ReadingView> Metrics, JsonObject? Reported, long? ReportedVersion,
    JsonObject? Desired = null, long DesiredVersion = 0, JsonObject? Delta = null);

public sealed record HistoryBucketView(DateTimeOffset Ts, double Min, double Avg, double Max, long Count);

public sealed record HistoryView(string SerialNumber, string Metric, string Unit, DateTimeOffset From, DateTimeOffset To, int BucketSeconds, IReadOnlyList<HistoryBucketView> Buckets);

public sealed record CommandView(
    Guid Id, string SerialNumber, string Name, string Status, string? Detail, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UpdatedAt)
{
    /// <summary>A status this app does not know is taken as final: there is nothing to wait for that it could show.</summary>
    public bool Finished => !CommandStatuses.TryParse(Status, out var known) || known.IsFinished();
}

public sealed record ModelView(string Code, string Name, string Kind, int InactivityTimeoutSeconds, IReadOnlyList<MetricView> Metrics);

public sealed record DeviceCredentialsView(
    string ThingName, string CertificatePem, string PrivateKeyPem, string CaCertificatePem, string CertificateSerial, string Fingerprint, DateTimeOffset ExpiresAt,
    string BrokerHost, int BrokerPort);

public sealed record DeviceCertificateView(Guid Id, string CertificateSerial, string Fingerprint, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

public sealed record AlarmView(
    Guid Id, string SerialNumber, string EquipmentName, Guid FarmId, string Kind, string Source, string Severity, string State, string Message,
    double? Value, double? Threshold, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ClearedAt);

public sealed record AlarmPageView(IReadOnlyList<AlarmView> Items, int Page, int PageSize, int Total);

public sealed record AlarmSummaryView(int Active, int Acknowledged, IReadOnlyDictionary<string, int> OpenBySeverity)
{
    /// <summary>Alarms whose condition still holds, acknowledged or not: what the badge counts.</summary>
    public int Open => Active + Acknowledged;
}

public sealed record RejectionView(
    DateTimeOffset Minute, string? Thing, string Reason, long Count, long Messages, long PayloadBytes,
    DateTimeOffset FirstAt, DateTimeOffset LastAt, string Topic, string Detail, IReadOnlyList<RejectionSample> Samples);

public sealed record QuarantinedDeviceView(string Thing, DateTimeOffset Since, DateTimeOffset Until, string Reason);

public sealed record RejectionsPageView(
    IReadOnlyList<RejectionView> Items, int Page, int PageSize, int Total, IReadOnlyDictionary<string, long> LastHourByReason,
    IReadOnlyList<QuarantinedDeviceView> Quarantined);

public sealed record ReplicaHealthView(
    string Replica, DateTimeOffset ReportedAt, bool Stale, double MessagesPerSecond, double PointsPerSecond, double RejectedPerSecond,
    int QueueDepth, double IngestLagMs, double MaxIngestLagMs);

public sealed record PlatformHealthView(
    int Devices, int DevicesOnline, int DevicesNeverSeen, int OpenAlarms, double MessagesPerSecond, double PointsPerSecond, double RejectedPerSecond,
    double IngestLagMs, double MaxIngestLagMs, IReadOnlyList<ReplicaHealthView> Replicas, DateTimeOffset At);

public sealed record FarmRefView(Guid Id, string Name);

public sealed record MeView(string Sub, string Email, string DisplayName, string Role, bool Disabled, IReadOnlyList<FarmRefView> Farms);

public sealed record MaintenanceLogView(
    Guid Id, string SerialNumber, string EquipmentName, Guid FarmId, Guid? PlanId, string Title, string Status,
    DateTimeOffset? DueAt, double? DueRunHours, bool Overdue, DateTimeOffset? CompletedAt, string? PerformedBy,
    string? Notes, string? Parts, int? MinutesSpent, DateTimeOffset CreatedAt);

public sealed record MaintenancePageView(IReadOnlyList<MaintenanceLogView> Items, int Page, int PageSize, int Total);

public sealed record DocumentView(
    Guid Id, string Kind, string? ModelCode, string? SerialNumber, Guid? MaintenanceLogId, string FileName, string ContentType,
    long SizeBytes, string Status, string? UploadedBy, DateTimeOffset CreatedAt);

public sealed record UploadTicketView(DocumentView Document, string UploadUrl, string Method, Dictionary<string, string> Headers, DateTimeOffset ExpiresAt);

public sealed record DownloadLinkView(string Url, DateTimeOffset ExpiresAt);

public sealed record UserView(string Sub, string Email, string DisplayName, string Role, bool Disabled, IReadOnlyList<FarmRefView> Farms);

/// <summary>What the API said when it refused a request: its problem details, flattened for display.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public string Message => Errors.Count > 0
        ? string.Join(" ", Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}."))
        : Detail ?? Title;
}

/// <summary>Either the value (with the ETag that versions it) or the API's refusal.</summary>
public sealed record ApiResult<T>(T? Value, string? ETag, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>What one user hears about one farm; quiet hours are on the farm's clock.</summary>
public sealed record FarmNotificationSettingsView(
    Guid FarmId, string FarmName, bool Email, bool Push, bool Sms, string MinimumSeverity, TimeOnly? QuietFrom, TimeOnly? QuietUntil);

public sealed record NotificationSettingsView(string? Phone, string? Language, IReadOnlyList<FarmNotificationSettingsView> Farms);

/// <summary>A browser's push subscription as <c>PushSubscription.toJSON()</c> gives it.</summary>
public sealed record PushSubscriptionView(string Endpoint, PushKeysView Keys);

public sealed record PushKeysView(string P256dh, string Auth);

public sealed record NotificationLogEntryView(
    Guid Id, DateTimeOffset CreatedAt, string Kind, string Channel, string Recipient, string? FarmName, string Subject, string Status,
    int Attempts, int Count, DateTimeOffset? SentAt, string? LastError);

public sealed record NotificationLogPageView(IReadOnlyList<NotificationLogEntryView> Items, int Page, int PageSize, int Total);

/// <summary>A farm's escalation: the delay before an unacknowledged alarm goes further, and the technicians it goes to, in order.</summary>
public sealed record EscalationView(int EscalationMinutes, IReadOnlyList<string> Contacts);
