using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>
/// Reads the cached units again on an interval: the live stream is QoS 0, so an update can be lost, and this bounds
/// how long the cache can show less than DynamoDB holds. A store that does not answer is tried again next interval;
/// meanwhile the live stream keeps the cache current.
/// </summary>
public sealed partial class DeviceStateResync(
    DeviceStateCache cache, IOptions<DeviceStateCacheOptions> options, TimeProvider time, ILogger<DeviceStateResync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Resync, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cache.ResyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException)
            {
                LogResyncFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read cached device state again from DynamoDB; trying next interval")]
    private partial void LogResyncFailed(Exception ex);
}
