using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>
/// Keeps the in-memory catalogue close to the database so new equipment is accepted within seconds. Each refresh reads
/// the catalogue's version, and the catalogue itself (every unit times its model's metrics: 40,000 rows at 10,000
/// units) only when the version moved.
/// </summary>
public sealed partial class CatalogueRefreshService(
    CatalogueLoader loader,
    DeviceCatalogue catalogue,
    IOptions<IngestionOptions> options,
    ILogger<CatalogueRefreshService> logger) : BackgroundService
{
    private long? _loadedVersion;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                LogLoadFailed(ex);
            }

            await Task.Delay(catalogue.Loaded.IsCompleted ? options.Value.CatalogueRefreshInterval : TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    /// <returns>Whether the catalogue was read again.</returns>
    internal async Task<bool> RefreshAsync(CancellationToken ct)
    {
        var version = await loader.VersionAsync(ct);
        if (version == _loadedVersion)
        {
            return false;
        }

        var devices = await loader.LoadAsync(ct);
        var before = catalogue.Count;
        catalogue.Replace(devices);
        _loadedVersion = version;
        if (before != devices.Count)
        {
            LogLoaded(devices.Count);
        }

        return true;
    }

    [LoggerMessage(LogLevel.Information, "Device catalogue loaded: {Count} things")]
    private partial void LogLoaded(int count);

    [LoggerMessage(LogLevel.Warning, "Device catalogue could not be loaded; keeping the previous one")]
    private partial void LogLoadFailed(Exception ex);
}
