using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Writes a batch's points in one statement: the points go as four arrays, and one insert ignores (thing, metric, ts)
/// already stored. Redelivery therefore stores nothing twice. No staging table: a temporary table lives with the
/// session, and a pooled connection's reset drops it, so each batch paid for creating it again in the catalogue.
/// </summary>
public static class TimeSeriesStore
{
    /// <summary>
    /// Inserts the points and adds only the newly stored ones to the minute and hour rollups, in one statement: a
    /// redelivered point is ignored by the insert and so never counted twice. Rows are upserted in key order so
    /// replicas updating the same rollups lock them in the same order.
    /// </summary>
    [Sql("thing text[]", "metric text[]", "ts timestamptz[]", "value double precision[]")]
    private const string Insert = $"""
        with stored as (
            insert into {Tables.Points} (thing, metric, ts, value)
            select * from unnest(@thing, @metric, @ts, @value)
            on conflict (thing, metric, ts) do nothing
            returning thing, metric, ts, value
        ),
        minutes as (
            insert into {Tables.RollupsMinute} as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, date_trunc('minute', ts), min(value), max(value), sum(value), count(*)
            from stored group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        ),
        hours as (
            insert into {Tables.RollupsHour} as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, date_trunc('hour', ts), min(value), max(value), sum(value), count(*)
            from stored group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        )
        select count(*) from stored
        """;

    /// <summary>Inserts the points inside the caller's transaction.</summary>
    /// <returns>How many points were new; the rest were already stored.</returns>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        var (things, metrics, times, values) = (new string[points.Count], new string[points.Count], new DateTime[points.Count], new double[points.Count]);
        for (var i = 0; i < points.Count; i++)
        {
            (things[i], metrics[i], times[i], values[i]) = (points[i].Thing, points[i].Metric, points[i].Timestamp, points[i].Value);
        }

        await using var insert = new NpgsqlCommand(Insert, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<string[]>("thing", things));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("metric", metrics));
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("ts", times));
        insert.Parameters.Add(new NpgsqlParameter<double[]>("value", values));
        return (int)(long)(await insert.ExecuteScalarAsync(ct))!;
    }
}
