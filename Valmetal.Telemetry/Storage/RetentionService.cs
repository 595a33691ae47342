using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Budget;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Drops daily partitions of raw points older than the retention (rollups stay): dropping a partition is instant
/// and leaves no bloat, where deleting rows would not. Deletes rejection rows past their own retention. Replicas may both try; "if exists" makes that harmless.
/// </summary>
public sealed partial class RetentionService(
    NpgsqlDataSource dataSource,
    IOptions<IngestionOptions> options,
    IOptions<RejectionBudgetOptions> budget,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    [Sql]
    private const string ListPartitions = $"""
        select c.relname from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        join pg_namespace n on n.oid = p.relnamespace
        where n.nspname = '{Tables.TelemetrySchema}' and p.relname = '{Tables.PointsName}'
        """;

    /// <summary>A template: {0} is the partition's unqualified name.</summary>
    [Sql(Check = SqlCheck.RunAndRollBack, FormatWith = ["points_20000101"])]
    private const string DropPartition = $"drop table if exists {Tables.TelemetrySchema}.{{0}}";

    private static readonly CompositeFormat DropPartitionFormat = CompositeFormat.Parse(DropPartition);

    /// <summary>Rejection rows are one per device, reason and minute, so deleting by minute stays cheap.</summary>
    [Sql]
    private const string DeleteOldRejections = $"""
        delete from {Tables.Rejections} where minute < @before;
        delete from {Tables.DeviceQuarantine} where until < @before;
        """;

    public static bool IsExpired(DateOnly day, DateOnly today, TimeSpan retention) => day.AddDays(1) <= today.AddDays(-(int)Math.Ceiling(retention.TotalDays));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await DropExpiredAsync(stoppingToken);
                await DeleteOldRejectionsAsync(stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task DropExpiredAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var expired = new List<string>();
        await using (var list = dataSource.CreateCommand(ListPartitions))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                if (PointsPartitions.DayOf(name) is { } day && IsExpired(day, today, options.Value.MaxSampleAge))
                {
                    expired.Add(name);
                }
            }
        }

        foreach (var name in expired)
        {
            await using var drop = dataSource.CreateCommand(string.Format(CultureInfo.InvariantCulture, DropPartitionFormat, name));
            await drop.ExecuteNonQueryAsync(ct);
            LogDropped(name);
        }
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

    [LoggerMessage(LogLevel.Information, "Dropped raw partition {Partition}: past retention (its rollups remain)")]
    private partial void LogDropped(string partition);

    [LoggerMessage(LogLevel.Warning, "Retention pass failed; retrying in an hour")]
    private partial void LogFailed(Exception ex);
}
