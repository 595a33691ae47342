using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Live;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Presence;

/// <summary>
/// A device silent for longer than its model's inactivity timeout is offline, whether or not a will message came
/// (a dead cellular link often sends none). Every replica sweeps; the row locks of the update make each device's
/// transition happen once, and its offline alarm is raised in the same transaction.
/// </summary>
public sealed partial class InactivitySweeper(
    NpgsqlDataSource dataSource,
    DeviceStateWriter stateWriter,
    LivePublisher live,
    TimeProvider time,
    ILogger<InactivitySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    [Sql]
    private const string MarkSilentDevicesOffline = $"""
        update {Tables.DevicePresence} p set online = false, status_changed_at = now()
        from {Tables.Equipment} e join {Tables.EquipmentModels} m on m.code = e.model_code
        where p.thing = e.serial_number and {OnlineRule.SilentSql}
        returning p.thing, m.inactivity_timeout_seconds
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                // The next sweep finds the same devices: nothing is marked until its transaction commits.
                LogSweepFailed(ex);
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var silent = new List<AlarmRaise>();
        await using (var command = new NpgsqlCommand(MarkSilentDevicesOffline, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                silent.Add(AlarmStore.Offline(reader.GetString(0), time.GetUtcNow(), silenceLimitSeconds: reader.GetInt32(1)));
            }
        }

        if (silent.Count == 0)
        {
            return;
        }

        var alarms = await AlarmStore.RaiseAsync(connection, transaction, silent, ct);
        var now = time.GetUtcNow();
        var changes = silent.Select(s => new DeviceStateChange(s.Thing).Status(false, now)).ToList();
        // The shadow is written before the commit: if it cannot be reached, the transaction rolls back and the next
        // sweep retries. A device whose item DynamoDB refuses is offline in PostgreSQL all the same: it must not hold
        // every other silent device online.
        var failures = await stateWriter.WriteEachAsync(changes, ct);
        if (failures.FirstOrDefault(f => StoreFailure.Classify(f.Error) == FailureKind.Transient) is { } unreachable)
        {
            throw unreachable.Error;
        }

        foreach (var refused in failures)
        {
            LogShadowRefused(refused.Error, refused.Change.Thing);
        }

        await transaction.CommitAsync(ct);
        LogMarkedOffline(silent.Count, string.Join(", ", silent.Select(s => s.Thing).Take(10)));
        await live.PublishAlarmsAsync(alarms, ct);
        await live.PublishStatusAsync(changes, ct);
    }

    [LoggerMessage(LogLevel.Information, "Marked {Count} silent devices offline: {Things}")]
    private partial void LogMarkedOffline(int count, string things);

    [LoggerMessage(LogLevel.Warning, "DynamoDB refused the offline status of {Thing}; it is offline in PostgreSQL only")]
    private partial void LogShadowRefused(Exception ex, string thing);

    [LoggerMessage(LogLevel.Warning, "Inactivity sweep failed; retrying at the next one")]
    private partial void LogSweepFailed(Exception ex);
}
