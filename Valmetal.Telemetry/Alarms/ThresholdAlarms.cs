using System.Globalization;
using Npgsql;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Catalogue;

namespace Valmetal.Telemetry.Alarms;

/// <summary>
/// "Above X for N seconds": each metric's level and the device time since which it has held are kept in
/// <c>telemetry.threshold_states</c>, updated from every batch inside its transaction, so replicas that each see
/// part of a device's messages judge the same run. Only newer data moves the state; backfilled samples do not.
/// </summary>
public static class ThresholdAlarms
{
    [Sql("thing text[]", "metric text[]")]
    private const string LockExisting = $"""
        select 1 from {Tables.ThresholdStates} s
        join unnest(@thing, @metric) as u(thing, metric) on s.thing = u.thing and s.metric = u.metric
        order by s.thing, s.metric for update of s
        """;

    [Sql("thing text[]", "metric text[]", "level smallint[]", "since timestamptz[]", "last_ts timestamptz[]", "last_value double precision[]", "continues boolean[]")]
    private const string Upsert = $"""
        with u as (
            select * from unnest(@thing, @metric, @level, @since, @last_ts, @last_value, @continues)
                as u(thing, metric, level, since, last_ts, last_value, continues)),
        merged as (
            select u.thing, u.metric, u.level,
                   case when s.level = u.level and u.continues then s.since else u.since end as since,
                   u.last_ts, u.last_value
            from u left join {Tables.ThresholdStates} s on s.thing = u.thing and s.metric = u.metric
            where s.last_ts is null or u.last_ts > s.last_ts)
        insert into {Tables.ThresholdStates} as s (thing, metric, level, since, last_ts, last_value)
        select * from merged order by thing, metric
        on conflict (thing, metric) do update set
            level = excluded.level, since = excluded.since, last_ts = excluded.last_ts, last_value = excluded.last_value
        where excluded.last_ts > s.last_ts
        returning s.thing, s.metric, s.level, s.since, s.last_ts, s.last_value
        """;

    public static async Task<List<AlarmChange>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ThresholdRun> runs, DeviceCatalogue catalogue, CancellationToken ct)
    {
        if (runs.Count == 0)
        {
            return [];
        }

        var things = runs.Select(r => r.Thing).ToArray();
        var metrics = runs.Select(r => r.Metric).ToArray();
        await using (var lockRows = new NpgsqlCommand(LockExisting, connection, transaction))
        {
            lockRows.Parameters.Add(new NpgsqlParameter<string[]>("thing", things));
            lockRows.Parameters.Add(new NpgsqlParameter<string[]>("metric", metrics));
            await lockRows.ExecuteNonQueryAsync(ct);
        }

        var raises = new List<AlarmRaise>();
        var clears = new List<AlarmClear>();
        await using (var upsert = new NpgsqlCommand(Upsert, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("thing", things));
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("metric", metrics));
            upsert.Parameters.Add(new NpgsqlParameter<short[]>("level", runs.Select(r => r.Level).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("since", runs.Select(r => r.Since).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_ts", runs.Select(r => r.LastTs).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<double[]>("last_value", runs.Select(r => r.LastValue).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<bool[]>("continues", runs.Select(r => r.Continues).ToArray()));
            await using var reader = await upsert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (thing, metric, level) = (reader.GetString(0), reader.GetString(1), reader.GetInt16(2));
                var (since, lastTs, value) = (reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetDouble(5));
                if (level == ThresholdRun.Normal)
                {
                    clears.Add(new AlarmClear(thing, AlarmKind.Threshold, metric));
                }
                else if (catalogue.TryGet(thing, out var device) && device.Metrics.TryGetValue(metric, out var definition)
                    && lastTs - since >= TimeSpan.FromSeconds(definition.AlarmDelaySeconds))
                {
                    var critical = level == ThresholdRun.Critical;
                    var threshold = (critical ? definition.CriticalAbove : definition.WarningAbove)!.Value;
                    raises.Add(new AlarmRaise(thing, AlarmKind.Threshold, metric, critical ? AlarmSeverity.Critical : AlarmSeverity.Warning,
                        AlarmDescription.Describe(AlarmKind.Threshold, metric, string.Empty, value, threshold, definition.DisplayName, definition.Unit,
                            AlarmDescription.English),
                        since.AddSeconds(definition.AlarmDelaySeconds), value, threshold));
                }
            }
        }

        var changes = await AlarmStore.ClearAsync(connection, transaction, clears, ct);
        changes.AddRange(await AlarmStore.RaiseAsync(connection, transaction, raises, ct));
        return changes;
    }
}
