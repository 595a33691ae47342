using Npgsql;
using NpgsqlTypes;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Bench.Storage;

/// <summary>
/// The candidate layout, in a scratch schema beside the real one: one row per (thing, ts) holding the message's
/// metrics as parallel arrays, with the same minute and hour rollups. A message's points are new when its row is;
/// a row that already exists gets only the metrics it lacks (a message with the same timestamp and other metrics
/// merges), and only those reach the rollups, so a redelivery stores and counts nothing twice.
/// </summary>
public static class WideLayout
{
    public const string Schema = "bench_wide";

    public static string Setup(DateOnly from, DateOnly to) => $"""
        drop schema if exists {Schema} cascade;
        create schema {Schema};
        create table {Schema}.points (
            thing text collate "C" not null, ts timestamptz not null,
            metrics text[] collate "C" not null, vals double precision[] not null,
            constraint pk_wide_points primary key (thing, ts)) partition by range (ts);
        create table {Schema}.points_bench partition of {Schema}.points for values from ('{from:yyyy-MM-dd}') to ('{to:yyyy-MM-dd}');
        create table {Schema}.rollups_minute (like {Tables.RollupsMinute} including all);
        create table {Schema}.rollups_hour (like {Tables.RollupsHour} including all);
        """;

    public const string Teardown = $"drop schema if exists {Schema} cascade";

    private const string CreateStaging = """
        create temp table if not exists wide_staging
            (thing text collate "C" not null, ts timestamptz not null, metrics text[] collate "C" not null, vals double precision[] not null)
            on commit delete rows
        """;

    private const string CopyToStaging = "copy wide_staging (thing, ts, metrics, vals) from stdin (format binary)";

    /// <summary>The rollup upserts over a CTE named <c>pts</c> of (thing, metric, ts, value), as the real store does.</summary>
    private const string Rollups = $"""
        minutes as (
            insert into {Schema}.rollups_minute as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, date_trunc('minute', ts), min(value), max(value), sum(value), count(*)
            from pts group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        ),
        hours as (
            insert into {Schema}.rollups_hour as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, date_trunc('hour', ts), min(value), max(value), sum(value), count(*)
            from pts group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        )
        select count(*) from pts
        """;

    /// <summary>The common case: rows for new (thing, ts) go in whole, one index entry per message.</summary>
    private const string InsertNew = $"""
        with stored as (
            insert into {Schema}.points (thing, ts, metrics, vals)
            select thing, ts, metrics, vals from wide_staging order by thing, ts
            on conflict (thing, ts) do nothing
            returning thing, ts, metrics, vals
        ),
        pts as (select s.thing, u.metric, s.ts, u.value from stored s cross join lateral unnest(s.metrics, s.vals) as u(metric, value)),
        {Rollups}
        """;

    /// <summary>Only when some staged rows were not new: lock the rows they meet, in key order, before reading what they lack.</summary>
    private const string LockExisting = $"""
        select 1 from {Schema}.points p join wide_staging s on s.thing = p.thing and s.ts = p.ts
        order by p.thing, p.ts for update of p
        """;

    /// <summary>Adds the metrics a stored row lacks (the first staged value of each wins) and counts only those.</summary>
    private const string MergeMissing = $"""
        with pts as (
            select distinct on (s.thing, s.ts, u.metric) s.thing, u.metric, s.ts, u.value
            from wide_staging s
            cross join lateral unnest(s.metrics, s.vals) as u(metric, value)
            join {Schema}.points p on p.thing = s.thing and p.ts = s.ts
            where not (u.metric = any(p.metrics))
            order by s.thing, s.ts, u.metric
        ),
        merged as (
            update {Schema}.points p set metrics = p.metrics || m.metrics, vals = p.vals || m.vals
            from (select thing, ts, array_agg(metric order by metric) metrics, array_agg(value order by metric) vals from pts group by 1, 2) m
            where p.thing = m.thing and p.ts = m.ts
        ),
        {Rollups}
        """;

    /// <summary>Stages the messages with binary COPY and stores them in the caller's transaction; returns how many points were new.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredMessage> messages, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyToStaging, ct))
        {
            foreach (var message in messages)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(message.Thing, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(message.Timestamp, NpgsqlDbType.TimestampTz, ct);
                await importer.WriteAsync(message.Metrics, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await importer.WriteAsync(message.Values, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
            }

            await importer.CompleteAsync(ct);
        }

        var stored = await ScalarAsync(InsertNew);
        if (stored == messages.Sum(m => m.Metrics.Length))
        {
            return stored;
        }

        await using (var lockRows = new NpgsqlCommand(LockExisting, connection, transaction))
        {
            await lockRows.ExecuteNonQueryAsync(ct);
        }

        return stored + await ScalarAsync(MergeMissing);

        async Task<int> ScalarAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            return (int)(long)(await command.ExecuteScalarAsync(ct))!;
        }
    }
}

/// <summary>One message as the wide layout stores it: its metrics and values side by side.</summary>
public sealed record StoredMessage(string Thing, DateTime Timestamp, string[] Metrics, double[] Values);
