using Npgsql;
using NpgsqlTypes;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Writes a batch's points: binary COPY into a session-local staging table, then one insert that ignores
/// (thing, metric, ts) already stored. Redelivery therefore stores nothing twice.
/// </summary>
public static class TimeSeriesStore
{
    [Sql(Check = SqlCheck.RunAndRollBack)]
    private const string CreateStaging = """
        create temp table if not exists points_staging
            (thing text not null, metric text not null, ts timestamptz not null, value double precision not null)
            on commit delete rows
        """;

    /// <summary>
    /// Moves staged points into the table and adds only the newly stored ones to the minute and hour rollups, in one
    /// statement: a redelivered point is ignored by the insert and so never counted twice. Rows are upserted in key
    /// order so replicas updating the same rollups lock them in the same order.
    /// </summary>
    [Sql(After = CreateStaging)]
    private const string MoveStaged = $"""
        with stored as (
            insert into {Tables.Points} (thing, metric, ts, value)
            select thing, metric, ts, value from points_staging
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

    [Sql(Check = SqlCheck.BinaryCopy, After = CreateStaging)]
    private const string CopyToStaging = "copy points_staging (thing, metric, ts, value) from stdin (format binary)";

    /// <summary>Stages the points with binary COPY and moves them in, inside the caller's transaction.</summary>
    /// <returns>How many points were new; the rest were already stored.</returns>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TelemetryPoint> points, CancellationToken ct)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyToStaging, ct))
        {
            foreach (var point in points)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(point.Thing, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(point.Metric, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(point.Timestamp, NpgsqlDbType.TimestampTz, ct);
                await importer.WriteAsync(point.Value, NpgsqlDbType.Double, ct);
            }

            await importer.CompleteAsync(ct);
        }

        await using var move = new NpgsqlCommand(MoveStaged, connection, transaction);
        return (int)(long)(await move.ExecuteScalarAsync(ct))!;
    }
}
