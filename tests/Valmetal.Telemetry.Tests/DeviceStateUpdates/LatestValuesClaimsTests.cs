using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Ingestion;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.DeviceStateUpdates;

/// <summary>Replicas holding values of the same devices, deciding on a real, migrated PostgreSQL which one writes them.</summary>
public sealed class LatestValuesClaimsTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly IngestionOptions Production = new();

    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "claims_" + Guid.NewGuid().ToString("N")[..8], []);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Of_replicas_flushing_the_same_devices_at_once_each_device_goes_to_one_and_then_to_none_within_the_interval()
    {
        var devices = Changes(200);
        var replicas = Enumerable.Range(0, 4).Select(_ => Claims(Production)).ToList();

        var claimed = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.ClaimAsync(devices, CancellationToken.None))));

        var things = claimed.SelectMany(c => c.Select(d => d.Thing)).ToList();
        Assert.Equal(devices.Select(d => d.Thing).Order(), things.Order());
        Assert.Empty(await replicas[0].ClaimAsync(devices, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_given_up_after_a_failed_write_can_be_taken_again_at_once()
    {
        var devices = Changes(3);
        var claims = Claims(Production);
        await claims.ClaimAsync(devices, CancellationToken.None);

        await claims.ReleaseAsync([devices[1].Thing], CancellationToken.None);

        Assert.Equal(new[] { devices[1] }, await claims.ClaimAsync(devices, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_lapses_after_the_interval_less_one_flush()
    {
        var devices = Changes(3);
        // An interval of one flush: a claim holds for no time at all, so the next transaction may take it.
        var claims = Claims(new IngestionOptions { LatestValuesInterval = TimeSpan.FromSeconds(2), StateFlushInterval = TimeSpan.FromSeconds(2) });
        Assert.Equal(devices, await claims.ClaimAsync(devices, CancellationToken.None));

        Assert.Equal(devices, await claims.ClaimAsync(devices, CancellationToken.None));
        Assert.Empty(await Claims(Production).ClaimAsync(devices, CancellationToken.None));
    }

    private LatestValuesClaims Claims(IngestionOptions options) => new(_dataSource, Options.Create(options));

    private static List<DeviceStateChange> Changes(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new DeviceStateChange($"VM-CLAIM-{Guid.NewGuid():N}"[..20] + i).Metric("temp", i, DateTimeOffset.UtcNow))];
}
