using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Ingestion;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Catalogue;

/// <summary>
/// A refresh reads the whole catalogue only after a change to what it holds, made through the API or not: the changes
/// here are made straight in a real, migrated database, so only its triggers can tell the replica.
/// </summary>
public sealed class CatalogueRefreshTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Unit = "VM-CAT-1";
    private const string Model = "M-CAT";

    private readonly DeviceCatalogue _catalogue = new();
    private NpgsqlDataSource _dataSource = null!;
    private CatalogueRefreshService _refresh = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "catalogue_" + Guid.NewGuid().ToString("N")[..8], []);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await using var db = new ValmetalDbContext(new DbContextOptionsBuilder<ValmetalDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
        var farm = new Farm { Id = Guid.NewGuid(), Name = "Ferme", Address = "1 rang", TimeZone = "America/Toronto" };
        var model = new EquipmentModel
        {
            Code = Model, Name = "Model", Kind = EquipmentKind.FeedMixer, InactivityTimeoutSeconds = 60,
            Metrics = [new ModelMetric { ModelCode = Model, Key = "temp", DisplayName = "Temperature", Unit = "°C", DisplayNameFr = "Température", UnitFr = "°C", MinValid = -40, MaxValid = 120 }],
        };
        db.AddRange(farm, model, Equipment(Unit, farm.Id));
        await db.SaveChangesAsync();
        _refresh = new CatalogueRefreshService(new CatalogueLoader(_dataSource), _catalogue, Options.Create(new IngestionOptions()), NullLogger<CatalogueRefreshService>.Instance);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task The_catalogue_is_read_again_only_after_a_change_to_what_it_holds()
    {
        Assert.True(await _refresh.RefreshAsync(CancellationToken.None));
        Assert.False(await _refresh.RefreshAsync(CancellationToken.None));

        await ExecuteAsync($"update {Tables.Equipment} set display_name = 'Renamed' where serial_number = '{Unit}'");
        Assert.False(await _refresh.RefreshAsync(CancellationToken.None));

        await ExecuteAsync($"update {Tables.MetricDefinitions} set warning_above = 80 where model_code = '{Model}'");
        Assert.True(await _refresh.RefreshAsync(CancellationToken.None));
        Assert.True(_catalogue.TryGet(Unit, out var unit));
        Assert.Equal(80, unit.Metrics["temp"].WarningAbove);
        Assert.False(await _refresh.RefreshAsync(CancellationToken.None));

        await ExecuteAsync($"""
            insert into {Tables.Equipment} (serial_number, display_name, model_code, farm_id, farm_since, installed_on, firmware, status, run_hours)
            select 'VM-CAT-2', 'Second', model_code, farm_id, farm_since, installed_on, firmware, status, run_hours from {Tables.Equipment} where serial_number = '{Unit}'
            """);
        Assert.True(await _refresh.RefreshAsync(CancellationToken.None));
        Assert.True(_catalogue.TryGet("VM-CAT-2", out _));
    }

    private static Equipment Equipment(string serialNumber, Guid farmId) => new()
    {
        SerialNumber = serialNumber, DisplayName = serialNumber, ModelCode = Model, FarmId = farmId,
        FarmSince = DateTimeOffset.UtcNow, InstalledOn = new DateOnly(2026, 1, 1), Firmware = "1.0.0",
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
