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
    /// <summary>
    /// One statement: <c>prior</c> locks the stored states in key order and reads them as the last committed
    /// transaction left them (the lock waits for a replica storing the same device, then sees its update), so the
    /// merge continues a run another replica stored a moment ago. A state that did not exist can't be locked: if another
    /// replica inserts it meanwhile, this insert waits for it and skips the row (<c>again</c>), and the caller runs those
    /// runs again, when the row exists, rather than overwrite that replica's run with one that ignores it.
    /// Each state is looked up by its key from the batch's sorted keys (a lateral subquery with a row lock, which the
    /// planner can't turn into a join): written as a join, it hashes the whole table, a state per metric of the fleet,
    /// to find a batch's few hundred, 26 ms a batch at 10,000 devices (FleetSizedPlanTests).
    /// </summary>
    [Sql("thing text[]", "metric text[]", "level smallint[]", "since timestamptz[]", "last_ts timestamptz[]", "last_value double precision[]", "continues boolean[]")]
    private const string Upsert = $"""
        with u as (
            select * from unnest(@thing, @metric, @level, @since, @last_ts, @last_value, @continues)
                as u(thing, metric, level, since, last_ts, last_value, continues)),
        prior as (
            select p.* from (select thing, metric from u order by thing, metric) k
            cross join lateral (
                select s.thing, s.metric, s.level, s.since, s.last_ts from {Tables.ThresholdStates} s
                where s.thing = k.thing and s.metric = k.metric for update) p),
        merged as (
            select u.thing, u.metric, u.level,
                   case when p.level = u.level and u.continues then p.since else u.since end as since,
                   u.last_ts, u.last_value, p.thing is null as new
            from u left join prior p on p.thing = u.thing and p.metric = u.metric
            where p.thing is null or u.last_ts > p.last_ts),
        updated as (
            update {Tables.ThresholdStates} s set level = m.level, since = m.since, last_ts = m.last_ts, last_value = m.last_value
            from merged m where not m.new and s.thing = m.thing and s.metric = m.metric
            returning s.thing, s.metric, s.level, s.since, s.last_ts, s.last_value),
        inserted as (
            insert into {Tables.ThresholdStates} (thing, metric, level, since, last_ts, last_value)
            select thing, metric, level, since, last_ts, last_value from merged where new order by thing, metric
            on conflict (thing, metric) do nothing
            returning thing, metric, level, since, last_ts, last_value)
        select thing, metric, level, since, last_ts, last_value, false as again from updated
        union all
        select thing, metric, level, since, last_ts, last_value, false from inserted
        union all
        select m.thing, m.metric, m.level, m.since, m.last_ts, m.last_value, true from merged m
        where m.new and not exists (select 1 from inserted i where i.thing = m.thing and i.metric = m.metric)
        """;

    public static async Task<List<AlarmChange>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ThresholdRun> runs, DeviceCatalogue catalogue, CancellationToken ct)
    {
        if (runs.Count == 0)
        {
            return [];
        }

        var raises = new List<AlarmRaise>();
        var clears = new List<AlarmClear>();
        // Once more at most: a state another replica inserted meanwhile is committed by the time this one skipped it.
        for (var attempt = 0; runs.Count > 0; attempt++)
        {
            if (attempt == 2)
            {
                throw new InvalidOperationException($"Threshold states of {runs.Count} runs were skipped twice, which a committed insert rules out.");
            }

            runs = await UpsertAsync(connection, transaction, runs, catalogue, raises, clears, ct);
        }

        var changes = await AlarmStore.ClearAsync(connection, transaction, clears, ct);
        changes.AddRange(await AlarmStore.RaiseAsync(connection, transaction, raises, ct));
        return changes;
    }

    /// <summary>Stores the runs and decides their alarms; returns the runs to store again (<c>again</c> above).</summary>
    private static async Task<List<ThresholdRun>> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<ThresholdRun> runs, DeviceCatalogue catalogue, List<AlarmRaise> raises, List<AlarmClear> clears, CancellationToken ct)
    {
        var again = new List<ThresholdRun>();
        await using var upsert = new NpgsqlCommand(Upsert, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("thing", runs.Select(r => r.Thing).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("metric", runs.Select(r => r.Metric).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<short[]>("level", runs.Select(r => r.Level).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("since", runs.Select(r => r.Since).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_ts", runs.Select(r => r.LastTs).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<double[]>("last_value", runs.Select(r => r.LastValue).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<bool[]>("continues", runs.Select(r => r.Continues).ToArray()));
        await using var reader = await upsert.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (thing, metric, level) = (reader.GetString(0), reader.GetString(1), reader.GetInt16(2));
            if (reader.GetBoolean(6))
            {
                again.Add(runs.First(r => r.Thing == thing && r.Metric == metric));
                continue;
            }

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

        return again;
    }
}
