using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Ingestion.Slots;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Ingestion;

/// <summary>Client slot leases on a real, migrated PostgreSQL, after a pause longer than a lease.</summary>
public sealed class ClientSlotStoreTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private ClientSlotStore _slots = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "slots_" + Guid.NewGuid().ToString("N")[..8], []);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _slots = new ClientSlotStore(_dataSource, Options.Create(new IngestionOptions()));
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task A_task_never_takes_over_the_slot_its_own_connection_holds_but_another_task_does()
    {
        var (connection, ownDrainer, otherDrainer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var held = (await _slots.TryClaimAsync(connection, CancellationToken.None))!.Value;
        await LapseAllLeasesAsync();

        Assert.Null(await _slots.TryClaimAbandonedAsync(ownDrainer, own: held, CancellationToken.None));
        Assert.True(await _slots.RenewAsync(held, connection, CancellationToken.None));

        await LapseAllLeasesAsync();
        Assert.Equal(held, await _slots.TryClaimAbandonedAsync(otherDrainer, own: 0, CancellationToken.None));
        Assert.False(await _slots.RenewAsync(held, connection, CancellationToken.None));
    }

    /// <summary>As if the machine had been paused for an hour: every lease ran out without its holder noticing.</summary>
    private async Task LapseAllLeasesAsync()
    {
        await using var command = _dataSource.CreateCommand($"update {Tables.ClientSlots} set renewed_at = now() - interval '1 hour'");
        await command.ExecuteNonQueryAsync();
    }
}
