using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Notifier.Messages;

/// <summary>How an alarm's facts are read with it (alias <c>a</c> for <c>alarms</c>): written once for the outbox and escalation.</summary>
public static class AlarmFactsSql
{
    public const string Columns = """
        a.id, a.serial_number, e.display_name, f.id, f.name, f.time_zone, a.kind, a.source, a.severity, a.state, a.message,
        a.value, md.display_name, md.unit, a.raised_at, md.display_name_fr, md.unit_fr, a.threshold, f.escalation_minutes
        """;

    public const string Joins = $"""
        join {Tables.Equipment} e on e.serial_number = a.serial_number
        join {Tables.Farms} f on f.id = e.farm_id
        left join {Tables.MetricDefinitions} md on md.model_code = e.model_code and md.key = a.source and a.kind = 'threshold'
        """;

    /// <summary>The number of columns <see cref="Columns"/> reads, so a caller's own columns follow at this offset.</summary>
    public const int Count = 19;

    public static (AlarmFacts Facts, int EscalationMinutes) Read(NpgsqlDataReader reader, int at) => (new AlarmFacts(
        reader.GetGuid(at), reader.GetString(at + 1), reader.GetString(at + 2), reader.GetGuid(at + 3), reader.GetString(at + 4),
        reader.GetString(at + 5), reader.GetString(at + 6), reader.GetString(at + 7), reader.GetString(at + 8), reader.GetString(at + 9),
        reader.GetString(at + 10), reader.IsDBNull(at + 11) ? null : reader.GetDouble(at + 11),
        reader.IsDBNull(at + 12) ? null : reader.GetString(at + 12), reader.IsDBNull(at + 13) ? null : reader.GetString(at + 13),
        reader.GetFieldValue<DateTimeOffset>(at + 14), reader.IsDBNull(at + 15) ? null : reader.GetString(at + 15),
        reader.IsDBNull(at + 16) ? null : reader.GetString(at + 16), reader.IsDBNull(at + 17) ? null : reader.GetDouble(at + 17)),
        reader.GetInt32(at + 18));
}
