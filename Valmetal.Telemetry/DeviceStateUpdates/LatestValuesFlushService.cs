using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>Writes the coalesced latest values to DynamoDB on a fixed interval, and once more on shutdown.</summary>
public sealed partial class LatestValuesFlushService(
    LatestValuesCoalescer coalescer,
    DeviceStateWriter writer,
    IOptions<IngestionOptions> options,
    ILogger<LatestValuesFlushService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StateFlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var changes = coalescer.TakeAll();
        if (changes.Count == 0)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(changes, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex, changes.Count);
            coalescer.Return(changes);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not write the latest values of {Count} devices; keeping them for the next flush")]
    private partial void LogFlushFailed(Exception ex, int count);
}
