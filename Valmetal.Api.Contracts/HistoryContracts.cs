namespace Valmetal.Api.Contracts;

public sealed record HistoryBucket(DateTimeOffset Ts, double Min, double Avg, double Max, long Count);

public sealed record HistoryResponse(
    string SerialNumber,
    string Metric,
    string Unit,
    DateTimeOffset From,
    DateTimeOffset To,
    int BucketSeconds,
    IReadOnlyList<HistoryBucket> Buckets,
    string Source = "points");
