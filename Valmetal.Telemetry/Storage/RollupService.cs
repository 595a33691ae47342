using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// Runs the rollup pass (<see cref="RollupPass"/>) on every replica; the pass's advisory lock lets one at a time
/// work, so the pass keeps running when a replica stops.
/// </summary>
public sealed partial class RollupService(
    NpgsqlDataSource dataSource,
    IOptions<IngestionOptions> options,
    TelemetryMetrics metrics,
    TimeProvider time,
    ILogger<RollupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RollupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var closing = time.GetUtcNow() - options.Value.RollupGrace;
                var closedBefore = new DateTimeOffset(closing.Ticks - closing.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
                var recomputed = await RollupPass.RunAsync(dataSource, closedBefore, stoppingToken);
                metrics.RolledUp(recomputed);
                LogRecomputed(recomputed, closedBefore);
            }
            catch (NpgsqlException ex)
            {
                // Nothing is cleared until its transaction commits: the next pass finds the same buckets.
                LogPassFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Recomputed the rollups of {Count} device minutes before {ClosedBefore:O}")]
    private partial void LogRecomputed(int count, DateTimeOffset closedBefore);

    [LoggerMessage(LogLevel.Warning, "Rollup pass failed; retrying at the next one")]
    private partial void LogPassFailed(Exception ex);
}
