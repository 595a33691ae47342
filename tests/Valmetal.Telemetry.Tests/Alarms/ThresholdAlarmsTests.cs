using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Tests.Storage;
using Valmetal.Telemetry.Tests.Validation;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Telemetry.Tests.Alarms;

/// <summary>
/// Threshold runs stored on a real, migrated PostgreSQL, as two replicas store parts of one device's messages:
/// VM-FM-24001's motor_temp_c warns above 85 °C, after 10 s of device time.
/// </summary>
public sealed class ThresholdAlarmsTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Thing = "VM-FM-24001";
    private const string Metric = "motor_temp_c";
    private static readonly DateTime Start = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);

    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedSchema.CreateAsync(fixture.Server, "threshold_" + Guid.NewGuid().ToString("N")[..8], [DateOnly.FromDateTime(Start)]);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    /// <summary>
    /// The second replica's batch continues the run the first one is storing: it waits for the first's commit and
    /// then keeps the run's start, rather than starting the run again at its own first point (which would put off the
    /// alarm for as long as replicas keep taking turns). Both when the state is already stored (its row is locked) and
    /// when the first replica's batch is the metric's first (its new row can't be locked, and is stored again).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_replica_continues_the_run_another_replica_stored_a_moment_before(bool storedBefore)
    {
        if (storedBefore)
        {
            await using var earlier = await _dataSource.OpenConnectionAsync();
            await using var earlierTransaction = await earlier.BeginTransactionAsync();
            await ApplyAsync(earlier, earlierTransaction, -10, 60);
            await earlierTransaction.CommitAsync();
        }

        await using var first = await _dataSource.OpenConnectionAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await ApplyAsync(first, firstTransaction, 0, 90, 91);

        await using var second = await _dataSource.OpenConnectionAsync();
        var secondPid = second.ProcessID;
        var secondWrite = Task.Run(async () =>
        {
            await using var transaction = await second.BeginTransactionAsync();
            await ApplyAsync(second, transaction, 2, 92, 93);
            await transaction.CommitAsync();
        });
        await LockWaits.UntilBlockedByAsync(_dataSource, secondPid, first.ProcessID, secondWrite);
        await firstTransaction.CommitAsync();
        await secondWrite;

        await using var state = _dataSource.CreateCommand($"select level, since, last_ts, last_value from {Tables.ThresholdStates} where thing = '{Thing}' and metric = '{Metric}'");
        await using var reader = await state.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((ThresholdRun.Warning, Start, Start.AddSeconds(3), 93.0), (reader.GetInt16(0), reader.GetDateTime(1), reader.GetDateTime(2), reader.GetDouble(3)));
    }

    /// <summary>A batch of points one second apart, the first <paramref name="firstSecond"/> seconds after <see cref="Start"/>.</summary>
    private static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int firstSecond, params double[] values)
    {
        var points = values.Select((v, i) => new TelemetryPoint(Thing, Metric, Start.AddSeconds(firstSecond + i), v));
        var catalogue = ValidatorFixture.DemoCatalogue();
        var changes = await ThresholdAlarms.ApplyAsync(connection, transaction, ThresholdRun.Of(points, catalogue), catalogue, CancellationToken.None);
        Assert.Empty(changes);
    }
}
