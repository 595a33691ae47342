using Npgsql;

namespace Valmetal.Api.Features.TelemetryHistory;

/// <summary>Min/avg/max per bucket, computed in PostgreSQL over the partitions the range touches.</summary>
public sealed class HistoryQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select date_bin(make_interval(secs => @bucket), ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
               min(value), avg(value), max(value), count(*)
        from telemetry.points
        where thing = @thing and metric = @metric and ts >= @from and ts < @to
        group by 1
        order by 1
        """;

    public async Task<List<HistoryBucket>> RunAsync(string thing, string metric, DateTimeOffset from, DateTimeOffset to, int bucketSeconds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("bucket", (double)bucketSeconds);
        command.Parameters.AddWithValue("thing", thing);
        command.Parameters.AddWithValue("metric", metric);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        var buckets = new List<HistoryBucket>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            buckets.Add(new HistoryBucket(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero),
                reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt64(4)));
        }

        return buckets;
    }
}
