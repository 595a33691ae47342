using Npgsql;
using NpgsqlTypes;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Writes a batch of points and rejections in one transaction: binary COPY into a session-local staging
/// table, then one insert that ignores (thing, metric, ts) already stored. Redelivery therefore stores nothing twice.
/// </summary>
public sealed class TimeSeriesStore(NpgsqlDataSource dataSource, PartitionManager partitions)
{
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
    private const string MoveStaged = """
        with stored as (
            insert into telemetry.points (thing, metric, ts, value)
            select thing, metric, ts, value from points_staging
            on conflict (thing, metric, ts) do nothing
            returning thing, metric, ts, value
        ),
        minutes as (
            insert into telemetry.rollups_minute as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, date_trunc('minute', ts), min(value), max(value), sum(value), count(*)
            from stored group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        ),
        hours as (
            insert into telemetry.rollups_hour as r (thing, metric, bucket, min, max, sum, count)
            select thing, metric, date_trunc('hour', ts), min(value), max(value), sum(value), count(*)
            from stored group by 1, 2, 3 order by 1, 2, 3
            on conflict (thing, metric, bucket) do update set
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max),
                sum = r.sum + excluded.sum, count = r.count + excluded.count
        )
        select count(*) from stored
        """;

    private const string InsertRejections = """
        insert into telemetry.rejected_messages (received_at, topic, thing, reason, detail, payload_bytes, payload_excerpt)
        select * from unnest(@received_at, @topic, @thing, @reason, @detail, @payload_bytes, @payload_excerpt)
        """;

    /// <summary>
    /// A command moves forward only: pending → accepted/succeeded/failed/rejected, accepted → succeeded/failed; an answer
    /// to a command past its expiry marks it expired. The API owns the table (device_commands).
    /// </summary>
    private const string RecordAnswer = """
        update device_commands
        set status = case when status = 'Pending' and expires_at < now() then 'Expired' else @status end,
            detail = @detail, updated_at = now()
        where id = @id and serial_number = @thing
          and (status = 'Pending' or (status = 'Accepted' and @status in ('Succeeded', 'Failed')))
        """;

    /// <returns>How many points were new; the rest were already stored.</returns>
    public async Task<int> WriteAsync(
        IReadOnlyList<TelemetryPoint> points, IReadOnlyList<RejectedMessage> rejections, IReadOnlyList<Pipeline.CommandAnswer> answers, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (points.Count > 0)
        {
            await partitions.EnsureAsync(connection, PartitionManager.DaysOf(points), ct);
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = 0;
        if (points.Count > 0)
        {
            await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using (var importer = await connection.BeginBinaryImportAsync(
                "copy points_staging (thing, metric, ts, value) from stdin (format binary)", ct))
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
            inserted = (int)(long)(await move.ExecuteScalarAsync(ct))!;
        }

        if (rejections.Count > 0)
        {
            await using var insert = new NpgsqlCommand(InsertRejections, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("received_at", rejections.Select(r => r.ReceivedAt.UtcDateTime).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("topic", rejections.Select(r => r.Topic).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string?[]>("thing", rejections.Select(r => r.Thing).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("reason", rejections.Select(r => r.Reason).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("detail", rejections.Select(r => r.Detail).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<int[]>("payload_bytes", rejections.Select(r => r.PayloadBytes).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("payload_excerpt", rejections.Select(r => r.PayloadExcerpt).ToArray()));
            await insert.ExecuteNonQueryAsync(ct);
        }

        foreach (var answer in answers)
        {
            await using var update = new NpgsqlCommand(RecordAnswer, connection, transaction);
            update.Parameters.AddWithValue("status", answer.Status);
            update.Parameters.AddWithValue("detail", (object?)answer.Detail ?? DBNull.Value);
            update.Parameters.AddWithValue("id", answer.CommandId);
            update.Parameters.AddWithValue("thing", answer.Thing);
            await update.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return inserted;
    }
}
