namespace Valmetal.Api.Features.TelemetryHistory;

/// <summary>Min/avg/max per bucket from the configured time-series store (<c>TimeSeries:Store</c>).</summary>
public interface IHistoryReader
{
    /// <summary>What a bucket of this size is computed from, as the response's <c>source</c> names it.</summary>
    string SourceFor(int bucketSeconds);

    /// <summary>The buckets of [<paramref name="from"/>, <paramref name="to"/>) that hold points, in time order.</summary>
    Task<List<HistoryBucket>> RunAsync(string thing, string metric, DateTimeOffset from, DateTimeOffset to, int bucketSeconds, CancellationToken ct);
}
