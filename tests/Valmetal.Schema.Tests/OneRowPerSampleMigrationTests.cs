using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.DeviceContract.Schema;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Schema.Tests;

/// <summary>
/// The move from one row per point to one row per sample keeps every stored point, in an attached daily partition or
/// in one an interrupted archive pass left detached, and moving back restores them.
/// </summary>
[Collection(MigratedSchemaCollection.Name)]
public sealed class OneRowPerSampleMigrationTests(MigratedSchema schema)
{
    private const string Before = "20261203040000_AccessVersion";

    private static readonly (string Thing, string Metric, DateTime Ts, double Value)[] Points =
    [
        ("VM-1", "rpm", new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc), 1500),
        ("VM-1", "temp", new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc), 21.5),
        ("VM-1", "temp", new(2026, 11, 1, 8, 0, 1, DateTimeKind.Utc), 21.75),
        ("VM-2", "temp", new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), 18),
        ("VM-1", "rpm", new(2026, 11, 2, 7, 0, 0, DateTimeKind.Utc), 1200),
        ("VM-1", "vibration", new(2026, 11, 2, 7, 0, 0, DateTimeKind.Utc), 0.25),
    ];

    [Fact]
    public async Task Every_point_is_kept_both_ways_and_a_detached_partition_becomes_a_partition_again()
    {
        var connectionString = await schema.Server.CreateDatabaseAsync("sample_migration");
        await using var db = new ValmetalDbContext(new DbContextOptionsBuilder<ValmetalDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync(dataSource, """
            create table telemetry.points_20261101 partition of telemetry.points for values from ('2026-11-01 00:00:00+00') to ('2026-11-02 00:00:00+00');
            create table telemetry.points_20261102 partition of telemetry.points for values from ('2026-11-02 00:00:00+00') to ('2026-11-03 00:00:00+00');
            insert into telemetry.points (thing, metric, ts, value) select * from unnest(@thing, @metric, @ts, @value);
            alter table telemetry.points detach partition telemetry.points_20261102;
            """);

        await migrator.MigrateAsync();

        Assert.Equal(Points.Order(), await ReadAsync(dataSource, $"select thing, metric, ts, value from {Tables.Points}"));
        Assert.Equal(4L, await ScalarAsync(dataSource, $"select count(*) from {Tables.Samples}"));
        Assert.Equal(2L, await ScalarAsync(dataSource, $"select count(*) from pg_inherits where inhparent = '{Tables.Samples}'::regclass"));
        Assert.Equal(0L, await ScalarAsync(dataSource, "select count(*) from pg_class where relname like 'points\\_%'"));

        await migrator.MigrateAsync(Before);

        Assert.Equal(Points.Order(), await ReadAsync(dataSource, "select thing, metric, ts, value from telemetry.points"));
        Assert.Equal(2L, await ScalarAsync(dataSource, "select count(*) from pg_inherits where inhparent = 'telemetry.points'::regclass"));
    }

    /// <summary>Runs <paramref name="sql"/> with <see cref="Points"/> as the arrays @thing, @metric, @ts and @value.</summary>
    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("thing", [.. Points.Select(p => p.Thing)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("metric", [.. Points.Select(p => p.Metric)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("ts", [.. Points.Select(p => p.Ts)]));
        command.Parameters.Add(new NpgsqlParameter<double[]>("value", [.. Points.Select(p => p.Value)]));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string, string, DateTime, double)>> ReadAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, DateTime, double)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.GetDouble(3)));
        }

        return [.. rows.Order()];
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
