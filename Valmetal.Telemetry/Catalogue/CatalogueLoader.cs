using Npgsql;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>Reads equipment and model metric catalogues from the tables the API's migrations own.</summary>
public sealed class CatalogueLoader(NpgsqlDataSource dataSource)
{
    /// <summary>Every thing with its model's metrics; the statements below add their order or filter.</summary>
    [Sql]
    private const string Columns = $"""
        select e.serial_number, e.farm_id, e.model_code,
               m.key, m.display_name, m.unit, m.min_valid, m.max_valid, m.warning_above, m.critical_above, m.alarm_delay_seconds
        from {Tables.Equipment} e
        left join {Tables.MetricDefinitions} m on m.model_code = e.model_code
        """;

    [Sql]
    private const string Sql = Columns + " order by e.serial_number";

    [Sql]
    private const string OneSql = Columns + " where e.serial_number = @thing";

    /// <summary>Bumped by triggers in the transaction of any change to what <see cref="Columns"/> reads.</summary>
    [Sql]
    private const string VersionSql = $"select version from {Tables.CatalogueVersion} where id = 1";

    /// <summary>The catalogue's version: read before <see cref="LoadAsync"/>, so a change committed between the two loads again.</summary>
    public async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(VersionSql);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<DeviceProfile>> LoadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        return await ReadAsync(command, ct);
    }

    /// <summary>One thing's profile, or null when no equipment has that serial number.</summary>
    public async Task<DeviceProfile?> LoadOneAsync(string thing, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(OneSql);
        command.Parameters.Add(new NpgsqlParameter<string>("thing", thing));
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<DeviceProfile>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var devices = new Dictionary<string, (Guid Farm, string Model, Dictionary<string, MetricDefinition> Metrics)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var thing = reader.GetString(0);
            if (!devices.TryGetValue(thing, out var device))
            {
                device = (reader.GetGuid(1), reader.GetString(2), new Dictionary<string, MetricDefinition>(StringComparer.Ordinal));
                devices[thing] = device;
            }

            if (!reader.IsDBNull(3))
            {
                var metric = new MetricDefinition(
                    reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetDouble(8),
                    reader.IsDBNull(9) ? null : reader.GetDouble(9),
                    reader.GetInt32(10));
                device.Metrics[metric.Key] = metric;
            }
        }

        return devices.Select(d => new DeviceProfile(d.Key, d.Value.Farm, d.Value.Model, d.Value.Metrics)).ToList();
    }
}
