using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Notifications;
using Valmetal.DeviceContract.Schema;
using Valmetal.Notifier.Messages;
using Valmetal.Notifier.Outbox;

namespace Valmetal.Notifier.Escalation;

/// <summary>
/// An alarm still unacknowledged when its time is up goes to the farm's next escalation contact (its technicians in
/// the order the admin set), then to the environment's support contact, one step per farm's escalation delay.
/// Acknowledging or clearing stops it: only active alarms are read. Each step is written with its messages in one
/// transaction, so a task that dies mid-way repeats nothing.
/// </summary>
public sealed class AlarmEscalation(NpgsqlDataSource dataSource, AlarmText text, IOptions<NotifierOptions> options, TimeProvider time)
{
    [Sql]
    private const string Due = $"""
        select a.escalation_level, {AlarmFactsSql.Columns}
        from {Tables.Alarms} a
        {AlarmFactsSql.Joins}
        where a.state = 'active' and a.escalate_at <= now()
        order by a.escalate_at
        limit @limit
        for update of a skip locked
        """;

    [Sql]
    private const string Contacts = $"""
        select {FarmMemberSql.Columns}
        from {Tables.EscalationContacts} c
        join {Tables.Users} u on u.sub = c.user_sub
        left join {Tables.NotificationPreferences} p on p.user_sub = u.sub and p.farm_id = c.farm_id
        where c.farm_id = @farm and not u.disabled
        order by c.position
        """;

    [Sql]
    private const string Step = $"""
        update {Tables.Alarms} set escalation_level = @level,
            escalate_at = case when @more then now() + @delay else null end
        where id = @alarm
        """;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var due = new List<(int Level, AlarmFacts Alarm, int Minutes)>();
        await using (var command = new NpgsqlCommand(Due, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("limit", settings.BatchSize));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (alarm, minutes) = AlarmFactsSql.Read(reader, 1);
                due.Add((reader.GetInt32(0), alarm, minutes));
            }
        }

        var now = time.GetUtcNow();
        foreach (var (level, alarm, minutes) in due)
        {
            var contacts = await ContactsAsync(connection, transaction, alarm.FarmId, ct);
            var deliveries = new List<Delivery>();
            if (level < contacts.Count)
            {
                var contact = contacts[level];
                var push = await OutboxSql.PushEndpointsAsync(connection, transaction, [contact.Sub], ct);
                deliveries.AddRange(WhoIsTold.Escalated(alarm.AlarmId, level, contact, push[contact.Sub].ToList(), now));
            }
            else if (level == contacts.Count)
            {
                deliveries.Add(new Delivery($"escalation:{alarm.AlarmId}:{level}:support:{NotificationChannel.Email}", null,
                    settings.SupportEmail!, NotificationChannel.Email, settings.SupportLanguage, now));
            }

            foreach (var delivery in deliveries)
            {
                // Escalations are not rate-limited: each step tells someone new.
                await OutboxSql.WriteAsync(connection, transaction, delivery, AlarmEventKind.Escalated, alarm, alarm.FarmId,
                    count => text.Render(AlarmEventKind.Escalated, alarm, delivery.Language, count, settings.WebBaseUrl!), TimeSpan.Zero, now, ct);
            }

            await using var step = new NpgsqlCommand(Step, connection, transaction);
            step.Parameters.Add(new NpgsqlParameter<int>("level", level + 1));
            step.Parameters.Add(new NpgsqlParameter<bool>("more", level + 1 <= contacts.Count));
            step.Parameters.Add(new NpgsqlParameter<TimeSpan>("delay", settings.EscalationDelay(minutes)));
            step.Parameters.Add(new NpgsqlParameter<Guid>("alarm", alarm.AlarmId));
            await step.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return due.Count;
    }

    private static Task<List<FarmMember>> ContactsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid farm, CancellationToken ct) =>
        FarmMemberSql.ListAsync(Contacts, farm, connection, transaction, ct);
}
