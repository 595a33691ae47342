using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Budget;

/// <summary>Reads the active quarantines every replica decided, so a device over budget is quarantined on all of them.</summary>
public sealed partial class QuarantineRefreshService(
    NpgsqlDataSource dataSource,
    DeviceQuarantine quarantine,
    IOptions<RejectionBudgetOptions> options,
    ILogger<QuarantineRefreshService> logger) : BackgroundService
{
    [Sql]
    private const string Active = $"select thing, until from {Tables.DeviceQuarantine} where until > now()";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                // The last known set stays in force; the batch writer's own retries report the database's health.
                LogRefreshFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var active = new List<(string, DateTimeOffset)>();
        await using var command = dataSource.CreateCommand(Active);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            active.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        quarantine.Replace(active);
    }

    [LoggerMessage(LogLevel.Warning, "Could not read device quarantines; keeping the last known ones")]
    private partial void LogRefreshFailed(Exception ex);
}
