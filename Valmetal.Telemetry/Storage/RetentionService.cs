using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Archive;
using Valmetal.Telemetry.Budget;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Hourly: archives daily partitions of raw points older than the retention to S3 and drops them (rollups stay):
/// dropping a partition is instant and leaves no bloat, where deleting rows would not (<see cref="ArchivePass"/>, one
/// replica at a time). Deletes rejection rows past their own retention, which replicas may both do harmlessly.
/// </summary>
public sealed partial class RetentionService(
    NpgsqlDataSource dataSource,
    ArchivePass archive,
    IOptions<RejectionBudgetOptions> budget,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>Rejection rows are one per device, reason and minute, so deleting by minute stays cheap.</summary>
    [Sql]
    private const string DeleteOldRejections = $"""
        delete from {Tables.Rejections} where minute < @before;
        delete from {Tables.DeviceQuarantine} where until < @before;
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await DeleteOldRejectionsAsync(stoppingToken);
                await archive.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or AmazonServiceException or InvalidDataException or IOException)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task DeleteOldRejectionsAsync(CancellationToken ct)
    {
        await using var delete = dataSource.CreateCommand(DeleteOldRejections);
        delete.Parameters.Add(new NpgsqlParameter<DateTime>("before", (time.GetUtcNow() - budget.Value.Retention).UtcDateTime));
        var deleted = await delete.ExecuteNonQueryAsync(ct);
        if (deleted > 0)
        {
            LogRejectionsDeleted(deleted, budget.Value.Retention.TotalDays);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} rejection rows and quarantines older than {Days} days")]
    private partial void LogRejectionsDeleted(int count, double days);

    /// <summary>A partition detached before the failure stays detached; the next pass archives it from there.</summary>
    [LoggerMessage(LogLevel.Warning, "Retention pass failed; retrying in an hour")]
    private partial void LogFailed(Exception ex);
}
