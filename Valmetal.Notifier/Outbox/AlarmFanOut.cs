using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Messages;

namespace Valmetal.Notifier.Outbox;

/// <summary>
/// Turns a batch of outbox events into messages, one transaction per batch: the messages are written and the events
/// marked handled together, so a task that dies mid-batch leaves the events to the next one and writes nothing twice.
/// One replica fans out at a time (<see cref="OutboxSql.TryLeadFanOutAsync"/>); all of them send.
/// </summary>
public sealed class AlarmFanOut(NpgsqlDataSource dataSource, AlarmText text, IOptions<NotifierOptions> options, TimeProvider time)
{
    /// <summary>Handles one batch; answers how many events it handled (0: the outbox is empty, or other tasks hold the rest).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await OutboxSql.TryLeadFanOutAsync(connection, transaction, ct))
        {
            return 0;
        }

        var events = await OutboxSql.ClaimEventsAsync(connection, transaction, settings.BatchSize, ct);
        var tests = await OutboxSql.ClaimTestsAsync(connection, transaction, settings.BatchSize, ct);
        if (events.Count == 0 && tests.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        foreach (var (id, user) in tests)
        {
            var push = await OutboxSql.PushEndpointsAsync(connection, transaction, [user.Sub], ct);
            foreach (var delivery in WhoIsTold.Test(id, user, push[user.Sub].ToList(), now))
            {
                await OutboxSql.WriteAsync(connection, transaction, delivery, AlarmEventKind.Test, null, null,
                    _ => text.RenderTest(delivery.Language, settings.WebBaseUrl!), TimeSpan.Zero, now, ct);
            }
        }

        var farms = new Dictionary<Guid, (List<FarmMember> Members, ILookup<string, string> Push)>();
        foreach (var claimed in events)
        {
            var alarm = claimed.Alarm;
            List<Delivery> deliveries;
            if (claimed.Kind == AlarmEventKind.Cleared)
            {
                deliveries = await OutboxSql.ToldAsync(connection, transaction, claimed.Id, alarm.AlarmId, now, ct);
            }
            else
            {
                if (!farms.TryGetValue(alarm.FarmId, out var farm))
                {
                    var members = await OutboxSql.MembersAsync(connection, transaction, alarm.FarmId, ct);
                    var push = await OutboxSql.PushEndpointsAsync(connection, transaction, members.Select(m => m.Sub).ToList(), ct);
                    farms[alarm.FarmId] = farm = (members, push);
                }

                var clock = FarmClock.Of(alarm.TimeZone);
                deliveries = farm.Members
                    .SelectMany(m => WhoIsTold.Raised(claimed.Id, claimed.Severity, m, farm.Push[m.Sub].ToList(), clock, now, NotificationDefaults.MinimumSeverity))
                    .ToList();
            }

            foreach (var delivery in deliveries)
            {
                await OutboxSql.WriteAsync(connection, transaction, delivery, claimed.Kind, alarm, alarm.FarmId,
                    count => text.Render(claimed.Kind, alarm, delivery.Language, count, settings.WebBaseUrl!), settings.RateLimitWindow, now, ct);
            }

            await OutboxSql.StartEscalationAsync(connection, transaction, claimed, settings.EscalationDelay(claimed.EscalationMinutes), ct);
        }

        await OutboxSql.MarkHandledAsync(connection, transaction, events.Select(e => e.Id).Concat(tests.Select(t => t.Id)), ct);
        await transaction.CommitAsync(ct);
        return Math.Max(events.Count, tests.Count);
    }
}
