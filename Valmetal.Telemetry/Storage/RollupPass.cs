using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Brings the rollups up to their samples for the minutes ingest marked (<see cref="TimeSeriesStore.MarkPending"/>):
/// each marked (thing, minute) is recomputed from its samples and replaces its minute rollups, and the hour rollups
/// take the difference. Once per closed minute this is about one rollup row per device and metric, where updating them
/// per message was six rows per message, and a device's minute is recomputed, never added to, so a late or repeated
/// sample cannot be counted twice.
/// <para>
/// Marked buckets are claimed with <c>skip locked</c>: a bucket an ingest transaction holds has samples not committed
/// yet, and waits for the next pass. Passes run one at a time across replicas (an advisory lock): the hour rollups
/// take each minute's difference against the minute rollup as this pass reads it, which two passes at once would both
/// read. Samples only gain points (a merge adds metrics), so a minute's new min and max bound its old ones.
/// </para>
/// </summary>
public static class RollupPass
{
    /// <summary>
    /// Buckets per transaction: short transactions, since a sample for a claimed bucket waits for its commit. A pass
    /// over 10,000 devices' minute is ten.
    /// </summary>
    public const int BatchSize = 1000;

    /// <summary>Any fixed key no other advisory lock of the platform uses.</summary>
    public const long LockKey = 5316190370842287002;

    [Sql]
    private const string TryLock = "select pg_try_advisory_xact_lock(@key)";

    /// <summary>
    /// All statements of one <c>with</c> see the same snapshot, so <c>hours</c> reads each minute rollup as it was
    /// before <c>minutes</c> replaced it.
    /// </summary>
    [Sql("closed timestamptz", "batch integer")]
    private const string Recompute = $"""
        with claimed as (
            delete from {Tables.RollupsPending} p
            using (select thing, minute from {Tables.RollupsPending} where minute < @closed
                   order by minute, thing limit @batch for update skip locked) c
            where p.thing = c.thing and p.minute = c.minute
            returning p.thing, p.minute
        ),
        fresh as (
            select c.thing, v.metric, c.minute as bucket, min(v.value) as min, max(v.value) as max, sum(v.value) as sum, count(*) as count
            from claimed c
            join {Tables.Samples} s on s.thing = c.thing and s.ts >= c.minute and s.ts < c.minute + interval '1 minute'
            cross join lateral unnest(s.metrics, s.vals) as v(metric, value)
            group by 1, 2, 3
        ),
        minutes as (
            insert into {Tables.RollupsMinute} as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, bucket, min, max, sum, count from fresh order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count
        ),
        hours as (
            insert into {Tables.RollupsHour} as r (thing, metric, bucket, min, max, sum, count)
            select f.thing, f.metric, date_trunc('hour', f.bucket), min(f.min), max(f.max),
                   sum(f.sum - coalesce(o.sum, 0)), sum(f.count - coalesce(o.count, 0))
            from fresh f
            left join {Tables.RollupsMinute} o on o.thing = f.thing and o.metric = f.metric and o.bucket = f.bucket
            group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        )
        select count(*) from claimed
        """;

    /// <summary>
    /// Recomputes the marked minutes before <paramref name="closedBefore"/>, a transaction of at most
    /// <see cref="BatchSize"/> at a time, until none is left or another replica's pass holds the lock.
    /// </summary>
    /// <returns>How many buckets were recomputed.</returns>
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, DateTimeOffset closedBefore, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var tryLock = new NpgsqlCommand(TryLock, connection, transaction) { Parameters = { new NpgsqlParameter<long>("key", LockKey) } })
            {
                if (!(bool)(await tryLock.ExecuteScalarAsync(ct))!)
                {
                    return total;
                }
            }

            await using var recompute = new NpgsqlCommand(Recompute, connection, transaction)
            {
                Parameters =
                {
                    new NpgsqlParameter<DateTime>("closed", closedBefore.UtcDateTime),
                    new NpgsqlParameter<int>("batch", BatchSize),
                },
            };
            var claimed = (int)(long)(await recompute.ExecuteScalarAsync(ct))!;
            await transaction.CommitAsync(ct);
            total += claimed;
            if (claimed < BatchSize)
            {
                return total;
            }
        }
    }
}
