using Npgsql;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Alarms;

/// <summary>
/// Raises and clears alarms in the API's <c>alarms</c> table inside the caller's transaction. A partial unique index
/// allows one open alarm per device and condition, so replicas raising the same alarm at once store it once. The same
/// statement writes each change to the notification outbox (<c>alarm_events</c>), so the notifier tells exactly the
/// changes that were committed.
/// </summary>
public static class AlarmStore
{
    /// <summary>The column's length (Valmetal.Api/Data/Configurations/AlarmConfiguration.cs).</summary>
    private const int MaxMessageLength = 256;

    /// <summary>
    /// A new condition inserts an alarm; an open one is left alone unless the new severity is worse, which escalates
    /// it and makes it active again (it needs a fresh acknowledgement). Equipment deleted meanwhile is skipped.
    /// </summary>
    [Sql("thing text[]", "kind text[]", "source text[]", "severity text[]", "message text[]", "value double precision[]", "threshold double precision[]", "raised_at timestamptz[]")]
    private const string Raise = $"""
        with changed as (
        insert into {Tables.Alarms} as a (id, serial_number, kind, source, severity, state, message, value, threshold, raised_at)
        select gen_random_uuid(), u.thing, u.kind, u.source, u.severity, 'active', u.message, u.value, u.threshold, u.raised_at
        from unnest(@thing, @kind, @source, @severity, @message, @value, @threshold, @raised_at)
            as u(thing, kind, source, severity, message, value, threshold, raised_at)
        join {Tables.Equipment} e on e.serial_number = u.thing
        on conflict (serial_number, kind, source) where state <> 'cleared' do update set
            severity = excluded.severity, state = 'active', message = excluded.message, value = excluded.value,
            threshold = excluded.threshold, acknowledged_at = null, acknowledged_by = null
        where {AlarmSeverity.RankOfExcludedSql} < {AlarmSeverity.RankOfAlarmSql}
        returning a.id, a.serial_number, a.kind, a.source, a.severity, a.state, a.message, a.raised_at),
        told as (insert into {Tables.AlarmEvents} (alarm_id, kind, severity) select id, 'raised', severity from changed)
        select * from changed
        """;

    [Sql("thing text[]", "kind text[]", "source text[]")]
    private const string Clear = $"""
        with changed as (
        update {Tables.Alarms} a set state = 'cleared', cleared_at = now(), escalate_at = null
        from unnest(@thing, @kind, @source) as u(thing, kind, source)
        where a.state <> 'cleared' and a.serial_number = u.thing and a.kind = u.kind and a.source = u.source
        returning a.id, a.serial_number, a.kind, a.source, a.severity, a.state, a.message, a.raised_at),
        told as (insert into {Tables.AlarmEvents} (alarm_id, kind, severity) select id, 'cleared', severity from changed)
        select * from changed
        """;

    public static async Task<List<AlarmChange>> RaiseAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<AlarmRaise> raises, CancellationToken ct)
    {
        if (raises.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(Raise, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("thing", raises.Select(r => r.Thing).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kind", raises.Select(r => r.Kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("source", raises.Select(r => r.Source).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("severity", raises.Select(r => r.Severity).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("message", raises.Select(r => r.Message.Length > MaxMessageLength ? r.Message[..MaxMessageLength] : r.Message).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<double?[]>("value", raises.Select(r => r.Value).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<double?[]>("threshold", raises.Select(r => r.Threshold).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("raised_at", raises.Select(r => r.RaisedAt.UtcDateTime).ToArray()));
        return await ReadChangesAsync(command, ct);
    }

    public static async Task<List<AlarmChange>> ClearAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<AlarmClear> clears, CancellationToken ct)
    {
        if (clears.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(Clear, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("thing", clears.Select(r => r.Thing).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kind", clears.Select(r => r.Kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("source", clears.Select(r => r.Source).ToArray()));
        return await ReadChangesAsync(command, ct);
    }

    /// <summary>A device offline: silent for longer than its limit, or it said so (no limit).</summary>
    public static AlarmRaise Offline(string thing, DateTimeOffset at, int? silenceLimitSeconds) =>
        new(thing, AlarmKind.Offline, AlarmKind.ConnectivitySource, AlarmSeverity.Major,
            AlarmDescription.Describe(AlarmKind.Offline, AlarmKind.ConnectivitySource, string.Empty, null, silenceLimitSeconds, null, null, AlarmDescription.English),
            at, Threshold: silenceLimitSeconds);

    public static AlarmClear Online(string thing) => new(thing, AlarmKind.Offline, AlarmKind.ConnectivitySource);

    private static async Task<List<AlarmChange>> ReadChangesAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var changes = new List<AlarmChange>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            changes.Add(new AlarmChange(reader.GetString(1), new AlarmNotice(
                reader.GetGuid(0), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7))));
        }

        return changes;
    }
}
