using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>Daily partitions on a real PostgreSQL, needed by several replicas at the same moment.</summary>
public sealed class PartitionManagerTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Replicas_that_need_the_same_days_at_once_all_succeed_and_each_day_is_made_once()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "partitions_" + Guid.NewGuid().ToString("N")[..8], [MigratedSchema.TemplateDay]);
        var days = Enumerable.Range(1, 10).Select(d => new DateOnly(2031, 1, d)).ToArray();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var replicas = new List<NpgsqlConnection>();
        for (var i = 0; i < 8; i++)
        {
            replicas.Add(await dataSource.OpenConnectionAsync());
        }

        // Each replica its own manager and connection, as in separate processes: an error ("already exists") fails here.
        using var start = new SemaphoreSlim(0);
        var ensures = replicas.Select(async connection =>
        {
            await start.WaitAsync();
            await new PartitionManager().EnsureAsync(connection, days, CancellationToken.None);
        }).ToList();
        start.Release(replicas.Count);
        await Task.WhenAll(ensures);

        await using var count = dataSource.CreateCommand(
            $"select count(*) from pg_inherits where inhparent = '{Tables.Samples}'::regclass and inhrelid::regclass::text like '%samples_2031%'");
        Assert.Equal(10L, await count.ExecuteScalarAsync());
        foreach (var connection in replicas)
        {
            await connection.DisposeAsync();
        }
    }
}
