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
    Dictionary<string, ReadingView> Metrics, JsonObject? Reported, long? ReportedVersion);

public sealed record HistoryBucketView(DateTimeOffset Ts, double Min, double Avg, double Max, long Count);

public sealed record HistoryView(string SerialNumber, string Metric, string Unit, DateTimeOffset From, DateTimeOffset To, int BucketSeconds, IReadOnlyList<HistoryBucketView> Buckets);

public sealed record FarmRefView(Guid Id, string Name);

public sealed record MeView(string Sub, string Email, string DisplayName, string Role, bool Disabled, IReadOnlyList<FarmRefView> Farms);
