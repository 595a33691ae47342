using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
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
    private const string ListPartitions = """
        select c.relname from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        join pg_namespace n on n.oid = p.relnamespace
        where n.nspname = 'telemetry' and p.relname = 'points'
        """;

    /// <summary>The day a partition holds, from its name (points_yyyyMMdd), or null for any other table.</summary>
    public static DateOnly? DayOf(string partition) =>
        partition.StartsWith("points_", StringComparison.Ordinal)
        && DateOnly.TryParseExact(partition["points_".Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

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
                if (DayOf(name) is { } day && IsExpired(day, today, options.Value.MaxSampleAge))
                {
                    expired.Add(name);
                }
            }
        }

        foreach (var name in expired)
        {
            await using var drop = dataSource.CreateCommand($"drop table if exists telemetry.{name}");
            await drop.ExecuteNonQueryAsync(ct);
            LogDropped(name);
        }
    }

    /// <summary>Rejection rows are one per device, reason and minute, so deleting by minute stays cheap.</summary>
    private async Task DeleteOldRejectionsAsync(CancellationToken ct)
    {
        await using var delete = dataSource.CreateCommand("""
            delete from telemetry.rejections where minute < @before;
            delete from telemetry.device_quarantine where until < @before;
            """);
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
