using System.Globalization;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Timestream;
using Valmetal.TimeSeries;

namespace Valmetal.Api.Features.TelemetryHistory;

/// <summary>
/// Min/avg/max per bucket, aggregated by Timestream from the points (it keeps no rollups; its scheduled queries could,
/// at their own cost, docs/deployment.md). Buckets are aligned to the epoch, as PostgreSQL's are to 2000-01-01: the same
/// instants for every size that divides a day.
/// </summary>
public sealed class TimestreamHistory(IHttpClientFactory http, TimestreamEndpoints<TimestreamQueryClient> endpoints, IOptions<TimeSeriesOptions> options)
    : IHistoryReader
{
    public const string Source = "timestream";

    public string SourceFor(int bucketSeconds) => Source;

    public async Task<List<HistoryBucket>> RunAsync(string thing, string metric, DateTimeOffset from, DateTimeOffset to, int bucketSeconds, CancellationToken ct)
    {
        var value = TimestreamTelemetry.Identifier(metric);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT bin(time, {bucketSeconds}s) AS bucket, min({value}), avg({value}), max({value}), count({value})
            FROM {TimestreamTelemetry.Table(options.Value)}
            WHERE {TimestreamTelemetry.Identifier(TimestreamTelemetry.ThingDimension)} = {TimestreamTelemetry.Literal(thing)}
              AND measure_name = {TimestreamTelemetry.Literal(TimestreamTelemetry.MeasureName)}
              AND time >= {TimestreamTelemetry.Time(from)} AND time < {TimestreamTelemetry.Time(to)}
              AND {value} IS NOT NULL
            GROUP BY 1
            ORDER BY 1
            """);
        var client = new TimestreamQueryClient(http.CreateClient(nameof(TimestreamQueryClient)), endpoints);
        var buckets = new List<HistoryBucket>();
        try
        {
            await foreach (var row in client.QueryAsync(sql, ct: ct))
            {
                buckets.Add(new HistoryBucket(
                    new DateTimeOffset(TimestreamTelemetry.ParseTime(row[0]!), TimeSpan.Zero),
                    double.Parse(row[1]!, CultureInfo.InvariantCulture),
                    double.Parse(row[2]!, CultureInfo.InvariantCulture),
                    double.Parse(row[3]!, CultureInfo.InvariantCulture),
                    long.Parse(row[4]!, CultureInfo.InvariantCulture)));
            }
        }
        catch (TimestreamRefusedException ex) when (TimestreamTelemetry.IsUnknownColumn(ex, metric))
        {
            return [];
        }

        return buckets;
    }
}
