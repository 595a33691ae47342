using Npgsql;
using Valmetal.DeviceContract.Notifications;

namespace Valmetal.Notifier.Outbox;

/// <summary>How a person and their choices for a farm are read (<c>u</c>: users, <c>p</c>: notification_preferences).</summary>
public static class FarmMemberSql
{
    public const string Columns =
        $"u.sub, u.email, u.phone, {NotificationDefaults.LanguageSql}, u.role, p.email, p.push, p.sms, p.minimum_severity, p.quiet_from, p.quiet_until";

    /// <summary>Runs a query that selects <see cref="Columns"/> with farm-wide parameter <c>@farm</c>, in the caller's transaction.</summary>
    public static async Task<List<FarmMember>> ListAsync(
        string sql, Guid farm, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("farm", farm));
        var members = new List<FarmMember>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            members.Add(Read(reader, 0));
        }

        return members;
    }

    public static FarmMember Read(NpgsqlDataReader reader, int at) => new(
        reader.GetString(at), reader.GetString(at + 1), reader.IsDBNull(at + 2) ? null : reader.GetString(at + 2), reader.GetString(at + 3),
        reader.GetString(at + 4), reader.IsDBNull(at + 5) ? null : reader.GetBoolean(at + 5), reader.IsDBNull(at + 6) ? null : reader.GetBoolean(at + 6),
        reader.IsDBNull(at + 7) ? null : reader.GetBoolean(at + 7), reader.IsDBNull(at + 8) ? null : reader.GetString(at + 8),
        reader.IsDBNull(at + 9) ? null : reader.GetFieldValue<TimeOnly>(at + 9), reader.IsDBNull(at + 10) ? null : reader.GetFieldValue<TimeOnly>(at + 10));
}
