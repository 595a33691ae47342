using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Archive;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Storage;
using Valmetal.TestSupport;
using Valmetal.TestSupport.Postgres;
using Valmetal.TimeSeries.Archive;
using Valmetal.TestSupport.Archive;

namespace Valmetal.Telemetry.Tests.Archive;

/// <summary>
/// A migrated database of its own with points on some days, and the archive pass wired as the telemetry service wires
/// it (options, S3 client, data source), pointed at the local s3rver and a bucket.
/// </summary>
public sealed class ArchiveDatabase(string connectionString, NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public string ConnectionString { get; } = connectionString;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static async Task<ArchiveDatabase> CreateAsync(PostgresWithS3 fixture, params DateOnly[] days)
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "archive_" + Guid.NewGuid().ToString("N")[..8], days);
        return new ArchiveDatabase(connectionString, NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>The pass as the service builds it, writing to <paramref name="bucket"/> in parts of <paramref name="rowsPerPart"/> rows.</summary>
    public ServiceProvider Services(LocalS3 s3, string bucket, int? rowsPerPart = null)
    {
        var services = new ServiceCollection().AddTestArchive(s3, bucket, rowsPerPart);
        services.AddSingleton(DataSource);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddOptions<IngestionOptions>();
        services.AddSingleton<PartitionArchive>();
        services.AddSingleton<ArchivePass>();
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>A farm, a model and a unit on that farm since <paramref name="farmSince"/>; returns the farm's id.</summary>
    public async Task<Guid> RegisterAsync(string serialNumber, DateTimeOffset farmSince)
    {
        await using var db = new ValmetalDbContext(new DbContextOptionsBuilder<ValmetalDbContext>()
            .UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention().Options);
        var farm = new Farm { Id = Guid.NewGuid(), Name = "Ferme " + serialNumber, Address = "1 rang", TimeZone = "America/Toronto" };
        var model = new EquipmentModel { Code = "M-" + serialNumber, Name = "Model", Kind = EquipmentKind.FeedMixer, InactivityTimeoutSeconds = 60 };
        db.AddRange(farm, model, new Equipment
        {
            SerialNumber = serialNumber, DisplayName = serialNumber, ModelCode = model.Code, FarmId = farm.Id,
            FarmSince = farmSince, InstalledOn = new DateOnly(2026, 1, 1), Firmware = "1.0.0",
        });
        await db.SaveChangesAsync();
        return farm.Id;
    }

    /// <summary>Stores the points as the telemetry service does.</summary>
    public async Task InsertAsync(IReadOnlyList<ArchivedPoint> points)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await TimeSeriesStore.WriteAsync(connection, transaction, [.. points.Select(p => new TelemetryPoint(p.Thing, p.Metric, p.Timestamp, p.Value))], CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>Whether the table exists, and whether it is still a partition of the points.</summary>
    public async Task<(bool Exists, bool Attached)> TableAsync(string name)
    {
        await using var query = DataSource.CreateCommand(
            $"select to_regclass('{Tables.TelemetrySchema}.' || @name) is not null, exists (select 1 from pg_inherits where inhrelid = to_regclass('{Tables.TelemetrySchema}.' || @name))");
        query.Parameters.AddWithValue("name", name);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    public async Task<long> CountAsync()
    {
        await using var count = DataSource.CreateCommand($"select count(*) from {Tables.Points}");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
