using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>Keeps the in-memory catalogue close to the database so new equipment is accepted within seconds.</summary>
public sealed partial class CatalogueRefreshService(
    CatalogueLoader loader,
    DeviceCatalogue catalogue,
    IOptions<IngestionOptions> options,
    ILogger<CatalogueRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var devices = await loader.LoadAsync(stoppingToken);
                var before = catalogue.Count;
                catalogue.Replace(devices);
                if (before != devices.Count)
                {
                    LogLoaded(devices.Count);
                }
            }
            catch (NpgsqlException ex)
            {
                LogLoadFailed(ex);
            }

            await Task.Delay(catalogue.Loaded.IsCompleted ? options.Value.CatalogueRefreshInterval : TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Device catalogue loaded: {Count} things")]
    private partial void LogLoaded(int count);

    [LoggerMessage(LogLevel.Warning, "Device catalogue could not be loaded; keeping the previous one")]
    private partial void LogLoadFailed(Exception ex);
}
