using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Every <see cref="IngestionOptions.StateFlushInterval"/>, writes the latest values of the devices that are due
/// (<see cref="LatestValuesCoalescer.TakeDue"/>) and that no other replica wrote within the interval
/// (<see cref="LatestValuesClaims"/>) to DynamoDB; on shutdown, all that is left.
/// </summary>
public sealed partial class LatestValuesFlushService(
    LatestValuesCoalescer coalescer,
    LatestValuesClaims claims,
    DeviceStateWriter writer,
    IOptions<IngestionOptions> options,
    ILogger<LatestValuesFlushService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(coalescer.TakeAll(), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StateFlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(coalescer.TakeDue(), stoppingToken);
        }
    }

    private async Task FlushAsync(IReadOnlyCollection<DeviceStateChange> due, CancellationToken ct)
    {
        if (due.Count == 0)
        {
            return;
        }

        IReadOnlyCollection<DeviceStateChange> changes;
        try
        {
            changes = await claims.ClaimAsync(due, ct);
        }
        catch (NpgsqlException ex)
        {
            // Unclaimed, no replica may write them: they stay due for the next flush.
            LogClaimFailed(ex, due.Count);
            coalescer.Return(due);
            return;
        }

        if (changes.Count == 0)
        {
            return;
        }

        var failures = await writer.WriteEachAsync(changes, ct);
        var retry = failures.Where(f => StoreFailure.Classify(f.Error) == FailureKind.Transient).ToList();
        if (retry.Count > 0)
        {
            LogFlushFailed(retry[0].Error, retry.Count);
            await ReleaseAsync(retry.Select(f => f.Change.Thing), ct);
            coalescer.Return(retry.Select(f => f.Change));
        }

        // Latest values only mirror points that PostgreSQL already holds: a refused one is dropped, not retried.
        foreach (var refused in failures.Where(f => StoreFailure.Classify(f.Error) == FailureKind.Permanent))
        {
            LogValuesRefused(refused.Error, refused.Change.Thing);
        }
    }

    private async Task ReleaseAsync(IEnumerable<string> things, CancellationToken ct)
    {
        try
        {
            await claims.ReleaseAsync(things, ct);
        }
        catch (NpgsqlException ex)
        {
            // The claims lapse by themselves after the interval; until then the values wait here.
            LogReleaseFailed(ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not claim the latest values of {Count} devices in PostgreSQL; keeping them for the next flush")]
    private partial void LogClaimFailed(Exception ex, int count);

    [LoggerMessage(LogLevel.Warning, "Could not give up the claims of latest values not written; they lapse after the interval")]
    private partial void LogReleaseFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Could not write the latest values of {Count} devices; keeping them for the next flush")]
    private partial void LogFlushFailed(Exception ex, int count);

    [LoggerMessage(LogLevel.Warning, "DynamoDB refused the latest values of {Thing}; they stay in PostgreSQL only")]
    private partial void LogValuesRefused(Exception ex, string thing);
}
