using Npgsql;
using NpgsqlTypes;
using Valmetal.DeviceContract.Rejections;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Budget;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Counts refusals into one row per device, reason and minute (telemetry.rejections) with a few samples, then
/// quarantines the devices of this batch that are over their budget for the minute: the rows hold every replica's
/// counts, so the budget holds across replicas.
/// </summary>
public static class RejectionStore
{
    /// <summary>
    /// Samples are appended until the row holds its few; later ones are only counted. Rows go in key order: two
    /// replicas counting the same device's refusals under several reasons would otherwise take the rows' locks in
    /// opposite orders and deadlock, and PostgreSQL resolves that only after deadlock_timeout (1 s).
    /// </summary>
    [Sql("minute timestamptz[]", "thing text[]", "reason text[]", "count bigint[]", "messages bigint[]", "payload_bytes bigint[]", "first_at timestamptz[]", "last_at timestamptz[]", "topic text[]", "detail text[]", "samples jsonb[]")]
    private const string Upsert = $"""
        insert into {Tables.Rejections} as r
            (minute, thing, reason, count, messages, payload_bytes, first_at, last_at, topic, detail, samples)
        select * from unnest(@minute, @thing, @reason, @count, @messages, @payload_bytes, @first_at, @last_at, @topic, @detail, @samples)
        order by 1, 2, 3
        on conflict (minute, thing, reason) do update set
            count = r.count + excluded.count,
            messages = r.messages + excluded.messages,
            payload_bytes = r.payload_bytes + excluded.payload_bytes,
            first_at = least(r.first_at, excluded.first_at),
            last_at = greatest(r.last_at, excluded.last_at),
            topic = excluded.topic,
            detail = excluded.detail,
            samples = case when jsonb_array_length(r.samples) >= @max_samples then r.samples
                else (select coalesce(jsonb_agg(s), '[]'::jsonb) from (
                    select s from jsonb_array_elements(r.samples || excluded.samples) s limit @max_samples) kept) end
        """;

    /// <summary>A quarantine already running is not extended: it ends after its minute, and the budget starts again.</summary>
    [Sql]
    private const string QuarantineOverBudget = $"""
        with over as (
            select thing, sum(messages) as messages, sum(payload_bytes) as bytes
            from {Tables.Rejections}
            where minute = @minute and thing = any(@things) and reason <> @quarantined
            group by thing
            having sum(messages) > @max_messages or sum(payload_bytes) > @max_bytes
        )
        insert into {Tables.DeviceQuarantine} as q (thing, since, until, reason)
        select thing, @now, @until,
               format('%s messages (%s bytes) refused in a minute; the budget is %s messages or %s bytes', messages, bytes, @max_messages, @max_bytes)
        from over
        order by thing
        on conflict (thing) do update set since = excluded.since, until = excluded.until, reason = excluded.reason
            where q.until <= excluded.since
        returning thing, until
        """;

    /// <returns>The devices this batch put into quarantine, with when it ends.</returns>
    public static async Task<List<(string Thing, DateTimeOffset Until)>> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RejectedMessage> rejections,
        RejectionBudgetOptions budget, DateTimeOffset now, CancellationToken ct)
    {
        var quarantined = new List<(string, DateTimeOffset)>();
        if (rejections.Count == 0)
        {
            return quarantined;
        }

        var rows = RejectionRow.Of(rejections);
        await using (var upsert = new NpgsqlCommand(Upsert, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("minute", [.. rows.Select(r => r.Minute)]));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("thing", [.. rows.Select(r => r.Thing)]));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("reason", [.. rows.Select(r => r.Reason)]));
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("count", [.. rows.Select(r => r.Count)]));
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("messages", [.. rows.Select(r => r.Messages)]));
            upsert.Parameters.Add(new NpgsqlParameter<long[]>("payload_bytes", [.. rows.Select(r => r.PayloadBytes)]));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("first_at", [.. rows.Select(r => r.FirstAt)]));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_at", [.. rows.Select(r => r.LastAt)]));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("topic", [.. rows.Select(r => r.Topic)]));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("detail", [.. rows.Select(r => r.Detail)]));
            upsert.Parameters.Add(new NpgsqlParameter("samples", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = rows.Select(r => r.Samples).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter<int>("max_samples", DeviceContract.Rejections.RejectionSample.MaxPerMinute));
            await upsert.ExecuteNonQueryAsync(ct);
        }

        var things = rows.Select(r => r.Thing).Where(t => t.Length > 0).Distinct().ToArray();
        if (things.Length == 0)
        {
            return quarantined;
        }

        await using var quarantine = new NpgsqlCommand(QuarantineOverBudget, connection, transaction);
        quarantine.Parameters.Add(new NpgsqlParameter<DateTime>("minute", RejectionRow.MinuteOf(now)));
        quarantine.Parameters.Add(new NpgsqlParameter<string[]>("things", things));
        quarantine.Parameters.Add(new NpgsqlParameter<string>("quarantined", RejectionReason.Quarantined.Code()));
        quarantine.Parameters.Add(new NpgsqlParameter<long>("max_messages", budget.MaxRejectedMessagesPerMinute));
        quarantine.Parameters.Add(new NpgsqlParameter<long>("max_bytes", budget.MaxRejectedBytesPerMinute));
        quarantine.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        quarantine.Parameters.Add(new NpgsqlParameter<DateTime>("until", (now + budget.QuarantineDuration).UtcDateTime));
        await using var reader = await quarantine.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            quarantined.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return quarantined;
    }
}
