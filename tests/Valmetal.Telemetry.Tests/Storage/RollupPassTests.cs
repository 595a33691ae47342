using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.Registry;
using Valmetal.Api.Contracts;
using Valmetal.Api.Features.TelemetryHistory;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>
/// Rollups recomputed per marked minute on a real, migrated PostgreSQL: closed minutes from their samples, the hour
/// by the difference, never a sample counted twice or lost to an ingest transaction still open; and the API's history
/// reader, which counts the minutes not rolled up yet from their samples.
/// </summary>
public sealed class RollupPassTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTime Minute = new(2026, 12, 3, 10, 15, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Hour = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource _dataSource = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "rollup_" + Guid.NewGuid().ToString("N")[..8], [DateOnly.FromDateTime(Minute)]);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _services = new ServiceCollection().AddApiPipelines().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task Closed_minutes_are_recomputed_from_their_samples_and_later_ones_wait()
    {
        await WriteAsync([new("VM-1", "rpm", Minute.AddSeconds(10), 1000), new("VM-1", "temp", Minute.AddSeconds(10), 20),
            new("VM-1", "rpm", Minute.AddSeconds(40), 1600), new("VM-1", "rpm", Minute.AddSeconds(70), 1300)]);
        Assert.Equal(2, await ScalarAsync($"select count(*) from {Tables.RollupsPending}"));

        Assert.Equal(1, await RollupPass.RunAsync(_dataSource, Minute.AddMinutes(1), CancellationToken.None));

        Assert.Equal([("rpm", Minute, 1000, 1600, 2600, 2), ("temp", Minute, 20, 20, 20, 1)], await RollupsAsync(Tables.RollupsMinute));
        Assert.Equal([("rpm", Hour.UtcDateTime, 1000, 1600, 2600, 2), ("temp", Hour.UtcDateTime, 20, 20, 20, 1)], await RollupsAsync(Tables.RollupsHour));
        Assert.Equal(1, await ScalarAsync($"select count(*) from {Tables.RollupsPending} where minute = @minute", Minute.AddMinutes(1)));

        Assert.Equal(1, await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Equal([("rpm", Hour.UtcDateTime, 1000, 1600, 3900, 3), ("temp", Hour.UtcDateTime, 20, 20, 20, 1)], await RollupsAsync(Tables.RollupsHour));
        Assert.Equal(0, await ScalarAsync($"select count(*) from {Tables.RollupsPending}"));
    }

    /// <summary>A backfilled sample marks its minute again: the minute is replaced, the hour takes only what it adds.</summary>
    [Fact]
    public async Task A_late_sample_recomputes_its_minute_and_the_hour_takes_the_difference()
    {
        await WriteAsync([new("VM-2", "rpm", Minute.AddSeconds(10), 1000), new("VM-2", "rpm", Minute.AddSeconds(20), 1200)]);
        await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None);

        await WriteAsync([new("VM-2", "rpm", Minute.AddSeconds(30), 500)]);
        Assert.Equal(0, await WriteAsync([new("VM-2", "rpm", Minute.AddSeconds(30), 500)]));
        Assert.Equal(1, await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None));

        Assert.Equal([("rpm", Minute, 500, 1200, 2700, 3)], await RollupsAsync(Tables.RollupsMinute));
        Assert.Equal([("rpm", Hour.UtcDateTime, 500, 1200, 2700, 3)], await RollupsAsync(Tables.RollupsHour));
    }

    /// <summary>
    /// A marked minute that an ingest transaction has locked (its late sample not committed yet) is skipped, not
    /// cleared: cleared, the pass would have counted the minute without that sample, and nothing would mark it again.
    /// </summary>
    [Fact]
    public async Task A_minute_an_open_ingest_transaction_holds_is_left_for_the_next_pass()
    {
        await WriteAsync([new("VM-3", "rpm", Minute.AddSeconds(10), 1000)]);
        await using var ingest = await _dataSource.OpenConnectionAsync();
        await using var open = await ingest.BeginTransactionAsync();
        Assert.Equal(1, await TimeSeriesStore.WriteAsync(ingest, open, [new("VM-3", "rpm", Minute.AddSeconds(20), 3000)], CancellationToken.None));

        Assert.Equal(0, await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Empty(await RollupsAsync(Tables.RollupsMinute));

        await open.CommitAsync();
        Assert.Equal(1, await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Equal([("rpm", Minute, 1000, 3000, 4000, 2)], await RollupsAsync(Tables.RollupsMinute));
    }

    /// <summary>Passes run one at a time: while another replica's pass holds the lock, this one leaves every minute.</summary>
    [Fact]
    public async Task A_pass_leaves_the_minutes_while_another_replica_runs_one()
    {
        await WriteAsync([new("VM-4", "rpm", Minute.AddSeconds(10), 1000)]);
        await using var other = await _dataSource.OpenConnectionAsync();
        await using var running = await other.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"select pg_advisory_xact_lock({RollupPass.LockKey})", other, running))
        {
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Equal(1, await ScalarAsync($"select count(*) from {Tables.RollupsPending}"));

        await running.RollbackAsync();
        Assert.Equal(1, await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None));
    }

    /// <summary>
    /// The history reader shows the same buckets whether a minute is still marked, recomputed, or recomputed and
    /// marked again by a late sample: nothing missing before the pass, nothing counted twice after it.
    /// </summary>
    [Fact]
    public async Task History_counts_marked_minutes_from_their_samples_once()
    {
        await WriteAsync([new("VM-5", "rpm", Minute.AddSeconds(10), 1000), new("VM-5", "rpm", Minute.AddSeconds(20), 2000),
            new("VM-5", "temp", Minute.AddSeconds(20), 20), new("VM-5", "rpm", Minute.AddMinutes(1), 600)]);
        HistoryBucket[] minutes = [new(Minute, 1000, 1500, 2000, 2), new(Minute.AddMinutes(1), 600, 600, 600, 1)];
        HistoryBucket[] hours = [new(Hour, 600, 1200, 2000, 3)];

        Assert.Equal(minutes, await HistoryAsync(60));
        Assert.Equal(hours, await HistoryAsync(3600));

        await RollupPass.RunAsync(_dataSource, Minute.AddMinutes(1), CancellationToken.None);
        Assert.Equal(minutes, await HistoryAsync(60));
        Assert.Equal(hours, await HistoryAsync(3600));

        await WriteAsync([new("VM-5", "rpm", Minute.AddSeconds(30), 3000)]);
        Assert.Equal([new(Minute, 1000, 2000, 3000, 3), minutes[1]], await HistoryAsync(60));
        Assert.Equal([new HistoryBucket(Hour, 600, 1650, 3000, 4)], await HistoryAsync(3600));

        await RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.Equal([new(Minute, 1000, 2000, 3000, 3), minutes[1]], await HistoryAsync(60));
        Assert.Equal([new HistoryBucket(Hour, 600, 1650, 3000, 4)], await HistoryAsync(3600));
    }

    private async Task<List<HistoryBucket>> HistoryAsync(int bucketSeconds)
    {
        var reader = new PostgresHistory(_dataSource, _services.GetRequiredService<ResiliencePipelineProvider<string>>(), Options.Create(new TelemetryReadOptions()));
        return await reader.RunAsync("VM-5", "rpm", Hour, Hour.AddHours(1), bucketSeconds, CancellationToken.None);
    }

    private Task<int> WriteAsync(IReadOnlyList<TelemetryPoint> points) => CommittedWrites.StoreAsync(_dataSource, points);

    private async Task<List<(string Metric, DateTime Bucket, double Min, double Max, double Sum, long Count)>> RollupsAsync(string table)
    {
        await using var query = _dataSource.CreateCommand($"select metric, bucket, min, max, sum, count from {table} order by thing, metric, bucket");
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(string, DateTime, double, double, double, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5)));
        }

        return rows;
    }

    private async Task<long> ScalarAsync(string sql, DateTime? minute = null)
    {
        await using var query = _dataSource.CreateCommand(sql);
        if (minute is { } value)
        {
            query.Parameters.AddWithValue("minute", value);
        }

        return (long)(await query.ExecuteScalarAsync())!;
    }
}
