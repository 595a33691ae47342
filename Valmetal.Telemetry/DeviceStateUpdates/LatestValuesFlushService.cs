using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Ingestion;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Every <see cref="IngestionOptions.StateFlushInterval"/>, writes the latest values of the devices that are due
/// (<see cref="LatestValuesCoalescer.TakeDue"/>) to DynamoDB; on shutdown, all that is left.
/// </summary>
public sealed partial class LatestValuesFlushService(
    LatestValuesCoalescer coalescer,
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

    private async Task FlushAsync(IReadOnlyCollection<DeviceStateChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var failures = await writer.WriteEachAsync(changes, ct);
        var retry = failures.Where(f => StoreFailure.Classify(f.Error) == FailureKind.Transient).ToList();
        if (retry.Count > 0)
        {
            LogFlushFailed(retry[0].Error, retry.Count);
            coalescer.Return(retry.Select(f => f.Change));
        }

        // Latest values only mirror points that PostgreSQL already holds: a refused one is dropped, not retried.
        foreach (var refused in failures.Where(f => StoreFailure.Classify(f.Error) == FailureKind.Permanent))
        {
            LogValuesRefused(refused.Error, refused.Change.Thing);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not write the latest values of {Count} devices; keeping them for the next flush")]
    private partial void LogFlushFailed(Exception ex, int count);

    [LoggerMessage(LogLevel.Warning, "DynamoDB refused the latest values of {Thing}; they stay in PostgreSQL only")]
    private partial void LogValuesRefused(Exception ex, string thing);
}
