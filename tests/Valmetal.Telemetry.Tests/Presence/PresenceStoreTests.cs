using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Presence;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Presence;

/// <summary>Presence as the batches write it, on a real, migrated PostgreSQL.</summary>
public sealed class PresenceStoreTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_device_heard_from_again_is_updated_in_place_without_index_writes()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "presence_" + Guid.NewGuid().ToString("N")[..8], []);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var (connected, _) = await PresenceStore.ApplyAsync(connection, transaction, [new PresenceUpdate("VM-1", At, true, At)], CancellationToken.None);
        var (heard, _) = await PresenceStore.ApplyAsync(connection, transaction, [new PresenceUpdate("VM-1", At.AddSeconds(5), null, null)], CancellationToken.None);

        Assert.Equal([new PresenceTransition("VM-1", true, At)], connected);
        Assert.Empty(heard);
        // At 10,000 devices every message moves a last_seen: each must be a heap-only (HOT) update, not a new index entry.
        await using var counts = new NpgsqlCommand(
            $"select pg_stat_get_xact_tuples_updated('{Tables.DevicePresence}'::regclass), pg_stat_get_xact_tuples_hot_updated('{Tables.DevicePresence}'::regclass), "
            + $"(select last_seen from {Tables.DevicePresence} where thing = 'VM-1')", connection, transaction);
        await using var reader = await counts.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((1L, 1L, At.AddSeconds(5)), (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)));
    }
}
