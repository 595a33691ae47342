using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.Registry;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Features.TelemetryHistory;

/// <summary>
/// Min/avg/max per bucket, computed in PostgreSQL. Buckets of whole hours read the hour rollups, of whole minutes the
/// minute rollups (so a 30-day chart of a 1 Hz metric reads 720 rows, not 2.6 million points), with the samples of
/// the minutes not rolled up yet; others read the points.
/// </summary>
public sealed class PostgresHistory(NpgsqlDataSource dataSource, ResiliencePipelineProvider<string> pipelines, IOptions<TelemetryReadOptions> options) : IHistoryReader
{
    /// <summary>
    /// A template: {0} is the rollup table's unqualified name. The rollups count what the rollup pass has recomputed;
    /// the minutes ingest marked since then (<see cref="Tables.RollupsPending"/>) add the difference between their
    /// samples and their minute rollup, so a chart shows a point as soon as it is stored. One statement, one snapshot:
    /// a minute is either still marked or already recomputed, never both or neither.
    /// </summary>
    [Sql(FormatWith = [Tables.RollupsHourName])]
    [Sql(FormatWith = [Tables.RollupsMinuteName])]
    private const string FromRollups = $$"""
        select date_bin(make_interval(secs => @bucket), bucket, timestamptz '2000-01-01 00:00:00+00') as b,
               min(min), sum(sum) / sum(count), max(max), sum(count)::bigint
        from (
            select bucket, min, max, sum, count from {{Tables.TelemetrySchema}}.{0}
            where thing = @thing and metric = @metric and bucket >= @from and bucket < @to
            union all
            select f.minute, f.min, f.max, f.sum - coalesce(m.sum, 0), f.count - coalesce(m.count, 0)
            from (
                select p.minute, min(v.value) as min, max(v.value) as max, sum(v.value) as sum, count(*) as count
                from {{Tables.RollupsPending}} p
                join {{Tables.Samples}} s on s.thing = p.thing and s.ts >= p.minute and s.ts < p.minute + interval '1 minute'
                cross join lateral (select s.vals[array_position(s.metrics, @metric)]) as v(value)
                where p.thing = @thing and p.minute >= @from and p.minute < @to and @metric = any(s.metrics)
                group by p.minute
            ) f
            left join {{Tables.RollupsMinute}} m on m.thing = @thing and m.metric = @metric and m.bucket = f.minute
        ) r
        group by 1
        order by 1
        """;

    private static readonly CompositeFormat FromRollupsFormat = CompositeFormat.Parse(FromRollups);

    /// <summary>
    /// One metric's raw values straight from the samples, by its position in each sample's arrays: two and a half
    /// times as fast as filtering <see cref="Tables.Points"/>, whose unnest runs once per sample.
    /// </summary>
    [Sql]
    private const string FromPoints = $"""
        select date_bin(make_interval(secs => @bucket), ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
               min(value), avg(value), max(value), count(*)
        from (
            select ts, vals[array_position(metrics, @metric)] as value
            from {Tables.Samples}
            where thing = @thing and ts >= @from and ts < @to and @metric = any(metrics)
        ) p
        group by 1
        order by 1
        """;

    public string SourceFor(int bucketSeconds) => Source(bucketSeconds);

    private static string Source(int bucketSeconds) =>
        bucketSeconds % 3600 == 0 ? Tables.RollupsHourName : bucketSeconds % 60 == 0 ? Tables.RollupsMinuteName : Tables.PointsName;

    public async Task<List<HistoryBucket>> RunAsync(string thing, string metric, DateTimeOffset from, DateTimeOffset to, int bucketSeconds, CancellationToken ct)
    {
        var source = Source(bucketSeconds);
        var sql = source == Tables.PointsName ? FromPoints : string.Format(CultureInfo.InvariantCulture, FromRollupsFormat, source);
        await using var command = new NpgsqlCommand(sql);
        command.Parameters.AddWithValue("bucket", (double)bucketSeconds);
        command.Parameters.AddWithValue("thing", thing);
        command.Parameters.AddWithValue("metric", metric);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        var buckets = new List<HistoryBucket>();
        await using var read = await TimedRead.ExecuteAsync(pipelines, dataSource, command, options.Value.HistoryStatementTimeout, System.Data.CommandBehavior.Default, ct);
        var reader = read.Reader;
        while (await reader.ReadAsync(ct))
        {
            buckets.Add(new HistoryBucket(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero),
                reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt64(4)));
        }

        return buckets;
    }
}
