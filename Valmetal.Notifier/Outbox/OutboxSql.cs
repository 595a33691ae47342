using Npgsql;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;
using Valmetal.DeviceContract.Schema;
using Valmetal.Notifier.Messages;

namespace Valmetal.Notifier.Outbox;

/// <summary>
/// The notifier's reads and writes of the API's tables, by name (Valmetal.Api/Data/Configurations). Every method runs
/// in the caller's transaction: an event's messages are written and the event marked handled together.
/// </summary>
public static class OutboxSql
{
    /// <summary>
    /// The alarm's facts as they are now, so a message shows the latest value. <c>skip locked</c>: replicas claim
    /// different events, and an event another task holds is left to it.
    /// </summary>
    [Sql]
    private const string ClaimEvents = $"""
        select ev.id, ev.kind, ev.severity, {AlarmFactsSql.Columns}
        from {Tables.AlarmEvents} ev
        join {Tables.Alarms} a on a.id = ev.alarm_id
        {AlarmFactsSql.Joins}
        where ev.handled_at is null and ev.alarm_id is not null
        order by ev.id
        limit @limit
        for update of ev skip locked
        """;

    /// <summary>Tests asked for on the account page: the user is told on every channel they have, now.</summary>
    [Sql]
    private const string ClaimTests = $"""
        select ev.id, u.sub, u.email, u.phone, {NotificationDefaults.LanguageSql}
        from {Tables.AlarmEvents} ev
        join {Tables.Users} u on u.sub = ev.user_sub
        where ev.handled_at is null and ev.kind = 'test'
        order by ev.id
        limit @limit
        for update of ev skip locked
        """;

    [Sql]
    private const string Members = $"""
        select {FarmMemberSql.Columns}
        from {Tables.FarmMemberships} m
        join {Tables.Users} u on u.sub = m.user_sub
        left join {Tables.NotificationPreferences} p on p.user_sub = u.sub and p.farm_id = m.farm_id
        where m.farm_id = @farm and not u.disabled
        """;

    [Sql]
    private const string PushEndpoints = $"select user_sub, endpoint from {Tables.PushSubscriptions} where user_sub = any(@subs)";

    /// <summary>Who was told that the alarm was raised or escalated: they hear that it cleared, on the same channels.</summary>
    [Sql]
    private const string Told = $"""
        select distinct on (address, channel) user_sub, address, channel, language
        from {Tables.Notifications}
        where alarm_id = @alarm and kind in ('raised', 'escalated') and status <> 'failed'
        order by address, channel
        """;

    /// <summary>A change within the rate limit's window joins the message still waiting for that recipient and condition.</summary>
    [Sql]
    private const string JoinWaiting = $"""
        update {Tables.Notifications} set kind = @kind, alarm_id = @alarm, count = count + 1
        where id = (select id from {Tables.Notifications}
                    where address = @address and channel = @channel and topic = @topic and status = 'pending'
                      and lease_until is null
                    order by created_at desc limit 1 for update skip locked)
        returning id, count
        """;

    [Sql]
    private const string Rewrite = $"update {Tables.Notifications} set subject = @subject, body = @body where id = @id";

    /// <summary>When the last message on this condition went to this recipient, if within the window.</summary>
    [Sql]
    private const string LastWithinWindow = $"""
        select max(created_at) from {Tables.Notifications}
        where address = @address and channel = @channel and topic = @topic and created_at > @since
        """;

    [Sql]
    private const string Insert = $"""
        insert into {Tables.Notifications} (id, idempotency_key, alarm_id, farm_id, topic, user_sub, address, channel, kind, language,
                                   subject, body, count, status, attempts, next_attempt_at, created_at)
        values (gen_random_uuid(), @key, @alarm, @farm, @topic, @user, @address, @channel, @kind, @language,
                @subject, @body, 1, 'pending', 0, @not_before, now())
        on conflict (idempotency_key) do nothing
        """;

    /// <summary>
    /// One replica fans out at a time, for the length of its transaction: events are then handled strictly in order,
    /// so a change always sees the messages the change before it wrote (the rate limit's join needs that). The key is
    /// arbitrary but fixed: the first eight bytes of "notifier" in ASCII.
    /// </summary>
    [Sql]
    private const string LeadFanOut = "select pg_try_advisory_xact_lock(7957707062625527154)";

    [Sql]
    private const string MarkHandled = $"update {Tables.AlarmEvents} set handled_at = now() where id = any(@ids)";

    [Sql]
    private const string StartEscalation = $"""
        update {Tables.Alarms} set escalation_level = 0, escalate_at = now() + @delay
        where id = @alarm and state = 'active'
        """;

    /// <summary>True when this transaction may fan out; false when another replica is doing it (try again next tick).</summary>
    public static async Task<bool> TryLeadFanOutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(LeadFanOut, connection, transaction);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    public static async Task<List<ClaimedEvent>> ClaimEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ClaimEvents, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var events = new List<ClaimedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // The event's severity, not the alarm's: a message tells the change it is about, even if the alarm moved on.
            var (alarm, minutes) = AlarmFactsSql.Read(reader, 3);
            events.Add(new ClaimedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), alarm with { Severity = reader.GetString(2) }, minutes));
        }

        return events;
    }

    public static async Task<List<(long Id, FarmMember User)>> ClaimTestsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ClaimTests, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var tests = new List<(long, FarmMember)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var phone = reader.IsDBNull(3) ? null : reader.GetString(3);
            // Every channel the user has: a test says which of them reach the user.
            tests.Add((reader.GetInt64(0), new FarmMember(reader.GetString(1), reader.GetString(2), phone, reader.GetString(4), string.Empty,
                true, true, phone is not null, null, null, null)));
        }

        return tests;
    }

    public static Task<List<FarmMember>> MembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid farm, CancellationToken ct) =>
        FarmMemberSql.ListAsync(Members, farm, connection, transaction, ct);

    public static async Task<ILookup<string, string>> PushEndpointsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> subs, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PushEndpoints, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("subs", subs.ToArray()));
        var rows = new List<(string Sub, string Endpoint)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows.ToLookup(r => r.Sub, r => r.Endpoint, StringComparer.Ordinal);
    }

    public static async Task<List<Delivery>> ToldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long eventId, Guid alarm, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Told, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("alarm", alarm));
        var told = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (user, address, channel) = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var key = channel == NotificationChannel.Push ? WhoIsTold.EndpointKey(address) : address;
            told.Add(new Delivery($"{eventId}:{user ?? "support"}:{channel}:{key}", user, address, channel, reader.GetString(3), now));
        }

        return told;
    }

    /// <summary>
    /// Writes one message, or counts the change into the one still waiting for the same recipient and condition. A
    /// message sent within the window holds the next one until the window has passed since it.
    /// </summary>
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Delivery delivery, string kind, AlarmFacts? alarm, Guid? farm,
        Func<int, RenderedMessage> render, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        var topic = alarm?.Topic;
        var notBefore = delivery.NotBefore;
        if (alarm is not null && window > TimeSpan.Zero)
        {
            var joined = await JoinWaitingAsync(connection, transaction, delivery, kind, alarm, ct);
            if (joined is var (id, count))
            {
                await using var rewrite = new NpgsqlCommand(Rewrite, connection, transaction);
                var merged = render(count);
                rewrite.Parameters.Add(new NpgsqlParameter<string>("subject", merged.Subject));
                rewrite.Parameters.Add(new NpgsqlParameter<string>("body", BodyFor(delivery.Channel, merged)));
                rewrite.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                await rewrite.ExecuteNonQueryAsync(ct);
                return;
            }

            await using var last = new NpgsqlCommand(LastWithinWindow, connection, transaction);
            last.Parameters.Add(new NpgsqlParameter<string>("address", delivery.Address));
            last.Parameters.Add(new NpgsqlParameter<string>("channel", delivery.Channel));
            last.Parameters.Add(new NpgsqlParameter<string>("topic", alarm.Topic));
            last.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("since", now - window));
            // Npgsql reads timestamptz as a UTC DateTime: matching DateTimeOffset here would never hold a message.
            if (await last.ExecuteScalarAsync(ct) is DateTime previous && new DateTimeOffset(previous, TimeSpan.Zero) + window is var held
                && held > notBefore)
            {
                notBefore = held;
            }
        }

        var text = render(1);
        await using var insert = new NpgsqlCommand(Insert, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<string>("key", delivery.IdempotencyKey));
        insert.Parameters.Add(new NpgsqlParameter<Guid?>("alarm", alarm?.AlarmId));
        insert.Parameters.Add(new NpgsqlParameter<Guid?>("farm", farm));
        insert.Parameters.Add(new NpgsqlParameter<string?>("topic", topic));
        insert.Parameters.Add(new NpgsqlParameter<string?>("user", delivery.UserSub));
        insert.Parameters.Add(new NpgsqlParameter<string>("address", delivery.Address));
        insert.Parameters.Add(new NpgsqlParameter<string>("channel", delivery.Channel));
        insert.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        insert.Parameters.Add(new NpgsqlParameter<string>("language", delivery.Language));
        insert.Parameters.Add(new NpgsqlParameter<string>("subject", text.Subject));
        insert.Parameters.Add(new NpgsqlParameter<string>("body", BodyFor(delivery.Channel, text)));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("not_before", notBefore));
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static string BodyFor(string channel, RenderedMessage text) => channel == NotificationChannel.Sms ? text.Sms : text.Body;

    private static async Task<(Guid Id, int Count)?> JoinWaitingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Delivery delivery, string kind, AlarmFacts alarm, CancellationToken ct)
    {
        await using var join = new NpgsqlCommand(JoinWaiting, connection, transaction);
        join.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        join.Parameters.Add(new NpgsqlParameter<Guid>("alarm", alarm.AlarmId));
        join.Parameters.Add(new NpgsqlParameter<string>("address", delivery.Address));
        join.Parameters.Add(new NpgsqlParameter<string>("channel", delivery.Channel));
        join.Parameters.Add(new NpgsqlParameter<string>("topic", alarm.Topic));
        await using var reader = await join.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetGuid(0), reader.GetInt32(1)) : null;
    }

    public static async Task MarkHandledAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<long> ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(MarkHandled, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", ids.ToArray()));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Only major and critical alarms escalate (docs/decisions.md): a warning nobody acknowledged waits for morning.</summary>
    public static async Task StartEscalationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedEvent claimed, TimeSpan delay, CancellationToken ct)
    {
        if (claimed.Kind != AlarmEventKind.Raised || !AlarmSeverity.AtLeast(claimed.Severity, AlarmSeverity.Major))
        {
            return;
        }

        await using var command = new NpgsqlCommand(StartEscalation, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("alarm", claimed.Alarm.AlarmId));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("delay", delay));
        await command.ExecuteNonQueryAsync(ct);
    }
}
