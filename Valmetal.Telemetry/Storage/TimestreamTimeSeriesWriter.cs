using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.AwsHttp.Timestream;
using Valmetal.TimeSeries;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Points as Timestream multi-measure records (<see cref="TimestreamTelemetry"/>): one per device and millisecond,
/// in WriteRecords of at most 100 records. Timestream takes a record it holds with the same values as a no-op, so a
/// batch written again after a failure stores nothing twice. A record it holds with other values, or one it refuses
/// (a time outside the table's memory store, for example), fails the write with
/// <see cref="TimestreamRecordsRejectedException"/> after the batch's other records are stored; IsolatingBatchStore
/// narrows that down to the message and quarantines it. Timestream cannot tell a new record from a repeated one, so
/// every point written counts as new.
/// </summary>
public sealed class TimestreamTimeSeriesWriter(
    IHttpClientFactory http, TimestreamEndpoints<TimestreamWriteClient> endpoints, IOptions<TimeSeriesOptions> options) : ITimeSeriesWriter
{
    public Task PrepareAsync(NpgsqlConnection connection, IReadOnlyList<TelemetryPoint> points, CancellationToken ct) => Task.CompletedTask;

    public async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        // A client per batch: the factory's handlers rotate, while this writer lives as long as the process.
        var client = new TimestreamWriteClient(http.CreateClient(nameof(TimestreamWriteClient)), endpoints);
        var settings = options.Value;
        foreach (var records in Records(points).Chunk(TimestreamWriteClient.MaxRecordsPerWrite))
        {
            await client.WriteRecordsAsync(settings.TimestreamDatabase, settings.TimestreamTable, TimestreamTelemetry.MeasureName, records, ct);
        }

        return points.Count;
    }

    /// <summary>
    /// One record per device and millisecond, holding the first value of each metric: the same point twice in a batch
    /// (a redelivery) is written once, as PostgreSQL's key keeps the first.
    /// </summary>
    internal static IEnumerable<MultiMeasureRecord> Records(IReadOnlyList<TelemetryPoint> points) =>
        points
            .GroupBy(p => (p.Thing, Time: DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(DateTime.SpecifyKind(p.Timestamp, DateTimeKind.Utc)).ToUnixTimeMilliseconds())))
            .Select(instant => new MultiMeasureRecord(
                [new(TimestreamTelemetry.ThingDimension, instant.Key.Thing)],
                instant.Key.Time,
                [.. instant.DistinctBy(p => p.Metric, StringComparer.Ordinal).Select(p => new KeyValuePair<string, double>(p.Metric, p.Value))]));
}
