using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Writes a batch's points as samples, one row per (thing, ts) with the sample's metrics side by side
/// (<see cref="Tables.Samples"/>): one index entry per message instead of one per metric. A point is new when its
/// (thing, metric, ts) was not stored before, and only new points mark their minute for the rollups, so a redelivery
/// stores and counts nothing twice, and two messages with the same (thing, ts) but other metrics merge. The rollups are
/// recomputed from the samples of marked minutes by <see cref="RollupPass"/>. The points go as four arrays,
/// with no staging table: a temporary table lives with the session, and a pooled connection's reset drops it.
/// </summary>
public static class TimeSeriesStore
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    private const string Parameters = "unnest(@thing, @metric, @ts, @value) as o(thing, metric, ts, value)";

    /// <summary>
    /// Marks the (thing, minute) buckets of the newly stored points, a CTE named <c>pts</c> of (thing, metric, ts, value),
    /// for the rollup pass (<see cref="RollupPass"/>): one row per device and minute instead of three minute and three
    /// hour rollup rows updated per message. A bucket already marked is locked, not written ("where false" still takes
    /// the row lock): the pass skips locked buckets, so it never clears one whose new samples are not committed yet.
    /// Public for the bench's comparison with the previous layout, which marks the same way.
    /// </summary>
    public const string MarkPending = $"""
        pending as (
            insert into {Tables.RollupsPending} as p (thing, minute)
            select distinct thing, date_trunc('minute', ts) from pts order by 1, 2
            on conflict (thing, minute) do update set minute = excluded.minute where false
        )
        """;

    /// <summary>
    /// The common case: samples whose (thing, ts) is new go in whole. Rows are inserted and buckets marked in key
    /// order, so replicas writing the same keys lock them in the same order. One aggregate node builds both arrays
    /// from the same rows in the same order, so they stay parallel without sorting each sample's metrics.
    /// </summary>
    [Sql("thing text[]", "metric text[]", "ts timestamptz[]", "value double precision[]")]
    private const string InsertNew = $"""
        with stored as (
            insert into {Tables.Samples} (thing, ts, metrics, vals)
            select thing, ts, array_agg(metric), array_agg(value)
            from {Parameters} group by thing, ts order by thing, ts
            on conflict (thing, ts) do nothing
            returning thing, ts, metrics, vals
        ),
        pts as (select s.thing, p.metric, s.ts, p.value from stored s cross join lateral unnest(s.metrics, s.vals) as p(metric, value)),
        {MarkPending}
        select count(*) from pts
        """;

    /// <summary>
    /// Only when some samples were stored before: lock them in key order, so the merge below reads each row's metrics
    /// as they are, not as another replica merging the same sample is about to leave them.
    /// </summary>
    [Sql("thing text[]", "metric text[]", "ts timestamptz[]", "value double precision[]")]
    private const string LockExisting = $"""
        select 1 from {Tables.Samples} s
        join (select distinct thing, ts from {Parameters}) o on o.thing = s.thing and o.ts = s.ts
        order by s.thing, s.ts
        for update of s
        """;

    /// <summary>Adds to stored samples the metrics they lack and marks their buckets; returns how many.</summary>
    [Sql("thing text[]", "metric text[]", "ts timestamptz[]", "value double precision[]")]
    private const string MergeMissing = $"""
        with pts as (
            select o.thing, o.metric, o.ts, o.value
            from {Parameters} join {Tables.Samples} s on s.thing = o.thing and s.ts = o.ts
            where not (o.metric = any(s.metrics))
        ),
        merged as (
            update {Tables.Samples} s set metrics = s.metrics || m.metrics, vals = s.vals || m.vals
            from (select thing, ts, array_agg(metric) metrics, array_agg(value) vals from pts group by 1, 2) m
            where s.thing = m.thing and s.ts = m.ts
        ),
        {MarkPending}
        select count(*) from pts
        """;

    /// <summary>A time as PostgreSQL keeps it: whole microseconds, the rest cut off as Npgsql cuts it.</summary>
    public static DateTime AsStored(DateTime ts) => ts.AddTicks(-(ts.Ticks % TicksPerMicrosecond));

    /// <summary>Stores the points inside the caller's transaction.</summary>
    /// <returns>How many points were new; the rest were already stored.</returns>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        // Each (thing, metric, ts) once, the first offered winning as a stored one does: a sample's arrays must not
        // name a metric twice. Times are cut to PostgreSQL's microseconds first (as Npgsql would send them), so two
        // points apart by less than that are one point here as they are in the table.
        var (things, metrics, times, values) = (new string[points.Count], new string[points.Count], new DateTime[points.Count], new double[points.Count]);
        var offered = 0;
        var seen = new HashSet<(string, string, DateTime)>(points.Count);
        foreach (var point in points)
        {
            var ts = AsStored(point.Timestamp);
            if (seen.Add((point.Thing, point.Metric, ts)))
            {
                (things[offered], metrics[offered], times[offered], values[offered]) = (point.Thing, point.Metric, ts, point.Value);
                offered++;
            }
        }

        if (offered < points.Count)
        {
            (things, metrics, times, values) = (things[..offered], metrics[..offered], times[..offered], values[..offered]);
        }

        long stored;
        await using (var insert = Command(InsertNew))
        {
            stored = (long)(await insert.ExecuteScalarAsync(ct))!;
        }

        if (stored == offered)
        {
            return offered;
        }

        await using (var lockRows = Command(LockExisting))
        {
            await lockRows.ExecuteNonQueryAsync(ct);
        }

        await using var merge = Command(MergeMissing);
        return (int)(stored + (long)(await merge.ExecuteScalarAsync(ct))!);

        NpgsqlCommand Command(string sql) => new(sql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]>("thing", things),
                new NpgsqlParameter<string[]>("metric", metrics),
                new NpgsqlParameter<DateTime[]>("ts", times),
                new NpgsqlParameter<double[]>("value", values),
            },
        };
    }
}
