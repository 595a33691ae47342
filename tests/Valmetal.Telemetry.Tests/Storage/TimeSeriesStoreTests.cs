using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Storage;

/// <summary>
/// The raw store on a real, migrated PostgreSQL: one row per sample, a point stored and counted in the rollups once
/// however often it is offered, and samples with the same (thing, ts) merged, also by two replicas at once.
/// </summary>
public sealed class TimeSeriesStoreTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly DateTime At = new(2026, 12, 3, 10, 15, 30, 250, DateTimeKind.Utc);

    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "store_" + Guid.NewGuid().ToString("N")[..8], [DateOnly.FromDateTime(At)]);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task A_sample_is_one_row_and_a_redelivery_stores_and_counts_nothing()
    {
        TelemetryPoint[] sample = [new("VM-1", "rpm", At, 1500), new("VM-1", "temp", At, 21.5), new("VM-1", "vibration", At, 0.25)];

        Assert.Equal(3, await WriteAsync(sample));
        Assert.Equal(0, await WriteAsync(sample));

        Assert.Equal(1, await ScalarAsync($"select count(*) from {Tables.Samples}"));
        Assert.Equal(sample, await PointsAsync("VM-1"));
        await RollUpAsync();
        Assert.Equal(3, await ScalarAsync($"select sum(count)::bigint from {Tables.RollupsMinute}"));
        Assert.Equal(3, await ScalarAsync($"select sum(count)::bigint from {Tables.RollupsHour}"));
    }

    [Fact]
    public async Task A_sample_with_the_same_time_and_other_metrics_merges_and_only_the_new_ones_count()
    {
        await WriteAsync([new("VM-2", "rpm", At, 1500), new("VM-2", "temp", At, 21.5)]);

        var stored = await WriteAsync([new("VM-2", "temp", At, 99), new("VM-2", "vibration", At, 0.25)]);

        Assert.Equal(1, stored);
        Assert.Equal([new("VM-2", "rpm", At, 1500), new("VM-2", "temp", At, 21.5), new("VM-2", "vibration", At, 0.25)], await PointsAsync("VM-2"));
        Assert.Equal(1, await ScalarAsync($"select count(*) from {Tables.Samples} where thing = 'VM-2'"));
        await RollUpAsync();
        Assert.Equal(3, await ScalarAsync($"select sum(count)::bigint from {Tables.RollupsMinute} where thing = 'VM-2'"));
        Assert.Equal(21.5 + 1500 + 0.25, await ScalarAsync<double>($"select sum(sum) from {Tables.RollupsHour} where thing = 'VM-2'"));
    }

    [Fact]
    public async Task A_point_offered_twice_in_one_batch_is_stored_once_with_its_first_value()
    {
        var stored = await WriteAsync([new("VM-3", "temp", At, 20), new("VM-3", "rpm", At.AddSeconds(1), 1), new("VM-3", "temp", At, 30)]);

        Assert.Equal(2, stored);
        Assert.Equal([new("VM-3", "temp", At, 20), new("VM-3", "rpm", At.AddSeconds(1), 1)], await PointsAsync("VM-3"));
        await RollUpAsync();
        Assert.Equal(2, await ScalarAsync($"select sum(count)::bigint from {Tables.RollupsMinute} where thing = 'VM-3'"));
    }

    /// <summary>PostgreSQL keeps microseconds: points apart by less are one point, not one sample naming a metric twice.</summary>
    [Fact]
    public async Task Points_less_than_a_microsecond_apart_are_one_point()
    {
        var stored = await WriteAsync([new("VM-5", "temp", At.AddTicks(3), 20), new("VM-5", "temp", At.AddTicks(7), 30), new("VM-5", "rpm", At.AddTicks(9), 1)]);

        Assert.Equal(2, stored);
        Assert.Equal([new("VM-5", "rpm", At, 1), new("VM-5", "temp", At, 20)], await PointsAsync("VM-5"));
        await RollUpAsync();
        Assert.Equal(2, await ScalarAsync($"select sum(count)::bigint from {Tables.RollupsMinute} where thing = 'VM-5'"));
    }

    /// <summary>
    /// Two replicas merge the same metric into one stored sample (a redelivery to another session) at once: the second
    /// waits for the first's transaction and then finds the metric stored, so it is stored and counted once.
    /// </summary>
    [Fact]
    public async Task Two_replicas_merging_the_same_metric_into_one_sample_store_it_once()
    {
        await WriteAsync([new("VM-4", "rpm", At, 1500)]);
        TelemetryPoint[] redelivered = [new("VM-4", "rpm", At, 1500), new("VM-4", "temp", At, 21.5)];
        await using var first = await _dataSource.OpenConnectionAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        Assert.Equal(1, await TimeSeriesStore.WriteAsync(first, firstTransaction, redelivered, CancellationToken.None));

        await using var second = await _dataSource.OpenConnectionAsync();
        var secondPid = second.ProcessID;
        var secondWrite = Task.Run(async () =>
        {
            await using var transaction = await second.BeginTransactionAsync();
            var stored = await TimeSeriesStore.WriteAsync(second, transaction, redelivered, CancellationToken.None);
            await transaction.CommitAsync();
            return stored;
        });
        await LockWaits.UntilBlockedByAsync(_dataSource, secondPid, first.ProcessID, secondWrite);
        await firstTransaction.CommitAsync();

        Assert.Equal(0, await secondWrite);
        Assert.Equal([new("VM-4", "rpm", At, 1500), new("VM-4", "temp", At, 21.5)], await PointsAsync("VM-4"));
        await RollUpAsync();
        Assert.Equal(2, await ScalarAsync($"select sum(count)::bigint from {Tables.RollupsMinute} where thing = 'VM-4'"));
    }

    /// <summary>The rollup pass over every marked minute, as the telemetry service runs it once they close.</summary>
    private Task RollUpAsync() => RollupPass.RunAsync(_dataSource, DateTimeOffset.MaxValue, CancellationToken.None);

    private Task<int> WriteAsync(IReadOnlyList<TelemetryPoint> points) => CommittedWrites.StoreAsync(_dataSource, points);

    /// <summary>The thing's points as readers see them, through <see cref="Tables.Points"/>.</summary>
    private async Task<List<TelemetryPoint>> PointsAsync(string thing)
    {
        await using var query = _dataSource.CreateCommand($"select thing, metric, ts, value from {Tables.Points} where thing = @thing order by ts, metric");
        query.Parameters.AddWithValue("thing", thing);
        await using var reader = await query.ExecuteReaderAsync();
        var points = new List<TelemetryPoint>();
        while (await reader.ReadAsync())
        {
            points.Add(new TelemetryPoint(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.GetDouble(3)));
        }

        return points;
    }

    private Task<long> ScalarAsync(string sql) => ScalarAsync<long>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var query = _dataSource.CreateCommand(sql);
        return (T)(await query.ExecuteScalarAsync())!;
    }
}
