using Npgsql;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>The telemetry service's broker client slots as the database holds them (telemetry.client_slots).</summary>
public static class ClientSlotRows
{
    /// <summary>Slot numbers with a row, and whether their lease is current (renewed within the last 15 s).</summary>
    public static async Task<IReadOnlyList<(int Slot, bool Current)>> ReadAsync(PlatformFixture platform)
    {
        // No pooling: a pooled connection from before a database restart would fail on first use.
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync() + ";Pooling=false");
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select slot, renewed_at > now() - interval '15 seconds' from {Tables.ClientSlots} order by slot", db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetBoolean(1)));
        }

        return rows;
    }
}
