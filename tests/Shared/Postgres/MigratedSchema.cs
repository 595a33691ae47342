using Microsoft.EntityFrameworkCore;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Telemetry.Storage;

namespace Valmetal.TestSupport.Postgres;

/// <summary>
/// A database with the schema as a deploy leaves it: the API's EF Core migrations (which also create the
/// <c>telemetry</c> tables), then what the telemetry service adds at run time: today's partition of the samples, and the partition of
/// 2000-01-01 that the templates of statements about one partition are checked with.
/// </summary>
public sealed class MigratedSchema : PostgresFixture
{
    /// <summary>The day of the partition named in [Sql(FormatWith = ["samples_20000101"])].</summary>
    public static readonly DateOnly TemplateDay = new(2000, 1, 1);

    public string ConnectionString { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectionString = await CreateAsync(Server, "schema", [DateOnly.FromDateTime(DateTime.UtcNow), TemplateDay]);
    }

    /// <summary>A new database on <paramref name="server"/> with the migrated schema and the partitions of <paramref name="days"/>.</summary>
    public static async Task<string> CreateAsync(TemporaryPostgres server, string name, IEnumerable<DateOnly> days)
    {
        var connectionString = await server.CreateDatabaseAsync(name);
        var options = new DbContextOptionsBuilder<ValmetalDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new ValmetalDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new PartitionManager().EnsureAsync(connection, days, CancellationToken.None);
        return connectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class MigratedSchemaCollection : ICollectionFixture<MigratedSchema>
{
    public const string Name = "Migrated schema";
}
