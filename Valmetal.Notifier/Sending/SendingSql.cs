using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Notifier.Sending;

/// <summary>The sender's claims and outcomes in <c>notifications</c>.</summary>
public static class SendingSql
{
    /// <summary>
    /// Leases the messages that are due. A lease that lapsed (its sender died before recording the outcome) makes the
    /// message due again: it is sent once more, which is the one repeat at-least-once delivery allows.
    /// </summary>
    [Sql]
    private const string Claim = $"""
        update {Tables.Notifications} n set lease_until = now() + @lease, attempts = n.attempts + 1
        where n.id in (select id from {Tables.Notifications}
                       where status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
                       order by next_attempt_at limit @limit for update skip locked)
        returning n.id, n.idempotency_key, n.channel, n.address, n.subject, n.body, n.attempts, n.alarm_id, n.topic
        """;

    [Sql]
    private const string Delivered = $"""
        update {Tables.Notifications} set status = 'delivered', sent_at = now(), lease_until = null, last_error = null where id = @id
        """;

    /// <summary>Tried again after the delay, or given up as failed after the last attempt.</summary>
    [Sql]
    private const string Failed = $"""
        update {Tables.Notifications} set lease_until = null, last_error = left(@error, 500),
            status = case when @final then 'failed' else 'pending' end,
            next_attempt_at = case when @final then next_attempt_at else now() + @delay end
        where id = @id
        """;

    public static async Task<List<OutgoingNotification>> ClaimAsync(NpgsqlDataSource dataSource, int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", lease));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var claimed = new List<OutgoingNotification>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new OutgoingNotification(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetGuid(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return claimed;
    }

    public static async Task DeliveredAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Delivered);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task FailedAsync(NpgsqlDataSource dataSource, Guid id, string error, bool final, TimeSpan delay, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Failed);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        command.Parameters.Add(new NpgsqlParameter<string>("error", error));
        command.Parameters.Add(new NpgsqlParameter<bool>("final", final));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("delay", delay));
        await command.ExecuteNonQueryAsync(ct);
    }
}
