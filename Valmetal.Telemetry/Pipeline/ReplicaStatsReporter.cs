using System.Diagnostics;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Every few seconds writes what this replica measured into <c>telemetry.replica_stats</c>, where the API's platform
/// health reads message rates and ingest lag across replicas. OpenTelemetry metrics carry the same for operators.
/// </summary>
public sealed partial class ReplicaStatsReporter(
    NpgsqlDataSource dataSource,
    PipelineCounters counters,
    IngestQueue queue,
    IConfiguration configuration,
    ILogger<ReplicaStatsReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    [Sql]
    private const string Upsert = $"""
        insert into {Tables.ReplicaStats} as r (replica, reported_at, period_seconds, messages_per_second, points_per_second,
            rejected_per_second, queue_depth, ingest_lag_ms, max_ingest_lag_ms)
        values (@replica, now(), @period, @messages, @points, @rejected, @queue, @lag, @max_lag)
        on conflict (replica) do update set reported_at = excluded.reported_at, period_seconds = excluded.period_seconds,
            messages_per_second = excluded.messages_per_second, points_per_second = excluded.points_per_second,
            rejected_per_second = excluded.rejected_per_second, queue_depth = excluded.queue_depth,
            ingest_lag_ms = excluded.ingest_lag_ms, max_ingest_lag_ms = excluded.max_ingest_lag_ms
        """;

    /// <summary>The resource name the AppHost (or the ECS task's service name) gives this replica, else the host name.</summary>
    private string Replica => configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name && name != "Valmetal.Telemetry"
        ? name
        : Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        var since = Stopwatch.GetTimestamp();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var totals = counters.Take();
            var seconds = Stopwatch.GetElapsedTime(since).TotalSeconds;
            since = Stopwatch.GetTimestamp();
            try
            {
                await using var command = dataSource.CreateCommand(Upsert);
                command.Parameters.AddWithValue("replica", Replica);
                command.Parameters.AddWithValue("period", seconds);
                command.Parameters.AddWithValue("messages", totals.Messages / seconds);
                command.Parameters.AddWithValue("points", totals.Points / seconds);
                command.Parameters.AddWithValue("rejected", totals.Rejections / seconds);
                command.Parameters.AddWithValue("queue", queue.Count);
                command.Parameters.AddWithValue("lag", totals.LagAverage);
                command.Parameters.AddWithValue("max_lag", totals.LagMax);
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                // Health figures are best effort: a period that cannot be written is skipped, ingestion goes on.
                LogReportFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not write this replica's pipeline figures")]
    private partial void LogReportFailed(Exception ex);
}
