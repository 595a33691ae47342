using Npgsql;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Alarms;

/// <summary>
/// Stores device events and turns the newly stored ones into fault alarms: an active fault raises, the same code
/// reported inactive clears. A redelivered event is already stored and changes nothing.
/// </summary>
public static class FaultAlarms
{
    [Sql("thing text[]", "ts timestamptz[]", "code text[]", "active boolean[]", "severity text[]", "message text[]")]
    private const string Insert = $"""
        insert into {Tables.DeviceEvents} (thing, ts, code, active, severity, message, received_at)
        select *, now() from unnest(@thing, @ts, @code, @active, @severity, @message)
        on conflict do nothing
        returning thing, ts, code, active, severity, message
        """;

    public static async Task<List<AlarmChange>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DeviceEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var stored = new List<DeviceEvent>();
        await using (var insert = new NpgsqlCommand(Insert, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]>("thing", events.Select(e => e.Thing).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("ts", events.Select(e => e.Ts.UtcDateTime).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("code", events.Select(e => e.Code).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<bool[]>("active", events.Select(e => e.Active).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("severity", events.Select(e => e.Severity).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string?[]>("message", events.Select(e => e.Message).ToArray()));
            await using var reader = await insert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored.Add(new DeviceEvent(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                    reader.GetString(4), reader.GetBoolean(3), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        // Per fault: raise if it became active in this batch, then clear if its newest event says it ended, so a fault
        // that came and went within one batch is still in the history.
        var raises = new List<AlarmRaise>();
        var clears = new List<AlarmClear>();
        foreach (var fault in stored.GroupBy(e => (e.Thing, e.Code)))
        {
            if (fault.Where(e => e.Active).MinBy(e => e.Ts) is { } raised)
            {
                raises.Add(new AlarmRaise(raised.Thing, AlarmKind.Fault, raised.Code, raised.Severity,
                    raised.Message ?? string.Empty, raised.Ts));
            }

            if (!fault.MaxBy(e => e.Ts)!.Active)
            {
                clears.Add(new AlarmClear(fault.Key.Thing, AlarmKind.Fault, fault.Key.Code));
            }
        }

        var changes = await AlarmStore.RaiseAsync(connection, transaction, raises, ct);
        changes.AddRange(await AlarmStore.ClearAsync(connection, transaction, clears, ct));
        return changes;
    }
}
