using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Alarms;

namespace Valmetal.Telemetry.Presence;

/// <summary>
/// Keeps <c>telemetry.device_presence</c> in step with the batches, inside their transaction: a status message
/// decides by its time; data from a device marked offline brings it back online (it plainly is). A transition
/// raises or clears the device's offline alarm in the same transaction. Rows are locked in key order, so replicas
/// see each other's transitions and report each one once. Each row is looked up by its key (a lateral subquery with a
/// row lock, which the planner can't turn into a scan): written as <c>thing = any(@thing)</c>, a batch's hundred keys
/// are found by reading the whole fleet's table (FleetSizedPlanTests).
/// </summary>
public static class PresenceStore
{
    [Sql("thing text[]", "last_seen timestamptz[]", "online boolean[]", "changed timestamptz[]")]
    private const string Upsert = $"""
        with u as (
            select * from unnest(@thing, @last_seen, @online, @changed) as u(thing, last_seen, online, changed)),
        prior as (
            select p.* from (select thing from u order by thing) k
            cross join lateral (
                select p.thing, p.online, p.last_seen, p.status_changed_at from {Tables.DevicePresence} p
                where p.thing = k.thing for update) p),
        merged as (
            select u.thing, greatest(prior.last_seen, u.last_seen) as last_seen, prior.online as was_online,
                   case when u.online is not null and (prior.thing is null or u.changed >= prior.status_changed_at) then u.online
                        when prior.thing is null or (not prior.online and u.online is null and u.last_seen > prior.status_changed_at) then true
                        else prior.online end as online,
                   coalesce(u.changed, u.last_seen) as changed_now, prior.status_changed_at as changed_before
            from u left join prior on prior.thing = u.thing),
        upserted as (
            insert into {Tables.DevicePresence} as p (thing, online, last_seen, status_changed_at)
            select thing, online, last_seen, case when was_online is distinct from online then changed_now else changed_before end
            from merged order by thing
            on conflict (thing) do update set
                online = excluded.online, last_seen = excluded.last_seen, status_changed_at = excluded.status_changed_at)
        select thing, online, changed_now from merged where was_online is distinct from online
        """;

    public static async Task<(List<PresenceTransition> Transitions, List<AlarmChange> Alarms)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PresenceUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0)
        {
            return ([], []);
        }

        var transitions = new List<PresenceTransition>();
        await using (var upsert = new NpgsqlCommand(Upsert, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter<string[]>("thing", updates.Select(u => u.Thing).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]>("last_seen", updates.Select(u => u.LastSeen.UtcDateTime).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<bool?[]>("online", updates.Select(u => u.Online).ToArray()));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime?[]>("changed", updates.Select(u => u.StatusChangedAt?.UtcDateTime).ToArray()));
            await using var reader = await upsert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                transitions.Add(new PresenceTransition(reader.GetString(0), reader.GetBoolean(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var alarms = await AlarmStore.ClearAsync(connection, transaction,
            transitions.Where(t => t.Online).Select(t => AlarmStore.Online(t.Thing)).ToList(), ct);
        alarms.AddRange(await AlarmStore.RaiseAsync(connection, transaction,
            transitions.Where(t => !t.Online).Select(t => AlarmStore.Offline(t.Thing, t.At, silenceLimitSeconds: null)).ToList(), ct));
        return (transitions, alarms);
    }
}
