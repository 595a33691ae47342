using System.Text.Json.Nodes;

namespace Valmetal.Web.ApiClient;

// Shapes of the API's JSON as this front end reads them; the API's OpenAPI document is the reference.
public sealed record FarmView(Guid Id, string Name, string Address, string TimeZone, int EquipmentCount);

public sealed record EquipmentView(
    string SerialNumber, string DisplayName, string ModelCode, string ModelName, string Kind,
    Guid FarmId, string FarmName, DateOnly InstalledOn, string Firmware);

public sealed record EquipmentPageView(IReadOnlyList<EquipmentView> Items, int Page, int PageSize, int Total);

public sealed record MetricView(string Key, string DisplayName, string Unit, double MinValid, double MaxValid, double? WarningAbove, double? CriticalAbove);

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
    public bool Finished => Status is not ("Pending" or "Accepted");
}

public sealed record ModelView(string Code, string Name, string Kind, int InactivityTimeoutSeconds, IReadOnlyList<MetricView> Metrics);

public sealed record DeviceCredentialsView(
    string ThingName, string CertificatePem, string PrivateKeyPem, string CaCertificatePem, string CertificateSerial, string Fingerprint, DateTimeOffset ExpiresAt);

public sealed record DeviceCertificateView(Guid Id, string CertificateSerial, string Fingerprint, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

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
