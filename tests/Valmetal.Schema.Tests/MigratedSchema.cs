using Microsoft.EntityFrameworkCore;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Telemetry.Storage;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Schema.Tests;

/// <summary>
/// A database with the schema as a deploy leaves it: the API's EF Core migrations (which also create the
/// <c>telemetry</c> tables), then what the telemetry service adds at run time, today's partition of the points.
/// </summary>
public sealed class MigratedSchema : PostgresFixture
{
    public string ConnectionString { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectionString = await Server.CreateDatabaseAsync("schema");
        var options = new DbContextOptionsBuilder<ValmetalDbContext>()
            .UseNpgsql(ConnectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new ValmetalDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await new PartitionManager().EnsureAsync(connection, [DateOnly.FromDateTime(DateTime.UtcNow)], CancellationToken.None);
    }
}

[CollectionDefinition(Name)]
public sealed class MigratedSchemaCollection : ICollectionFixture<MigratedSchema>
{
    public const string Name = "Migrated schema";
}
