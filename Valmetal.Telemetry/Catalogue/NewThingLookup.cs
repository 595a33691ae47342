using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>
/// Looks a thing the catalogue does not know up in the database before its message is judged. The catalogue is
/// reloaded every few seconds, each replica on its own clock: without this, a unit registered a moment ago had its
/// first messages refused as unknown by whichever replica had not reloaded yet, while the other accepted them. A thing
/// that is not there is not asked about again until the next reload, so a stream of messages from an unregistered
/// identity costs one query per reload interval, not one per message.
/// </summary>
public sealed partial class NewThingLookup(
    CatalogueLoader loader,
    DeviceCatalogue catalogue,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<NewThingLookup> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _absentUntil = new(StringComparer.Ordinal);

    /// <summary>Makes sure the catalogue knows the thing whose data topic <paramref name="topic"/> is, if it is registered.</summary>
    public async ValueTask EnsureKnownAsync(IncomingTopic topic, CancellationToken ct)
    {
        if (!topic.IsDeviceData || catalogue.TryGet(topic.Thing, out _)
            || (_absentUntil.TryGetValue(topic.Thing, out var until) && until > time.GetUtcNow()))
        {
            return;
        }

        var thing = topic.Thing;

        try
        {
            if (await loader.LoadOneAsync(thing, ct) is { } device)
            {
                catalogue.Add(device);
                _absentUntil.TryRemove(thing, out _);
                LogFound(thing);
            }
            else
            {
                _absentUntil[thing] = time.GetUtcNow() + options.Value.CatalogueRefreshInterval;
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Whatever the lookup throws, the message goes on to be judged against the catalogue as it is (the reload
            // keeps trying the database): a delivery that never reaches the pipeline is never acknowledged, and holds
            // its place in the broker's in-flight window until the connection drops.
            LogLookupFailed(ex, thing);
        }
    }

    [LoggerMessage(LogLevel.Information, "Thing {Thing} was registered since the catalogue was loaded; added")]
    private partial void LogFound(string thing);

    [LoggerMessage(LogLevel.Warning, "Could not look up thing {Thing}; judging its message against the loaded catalogue")]
    private partial void LogLookupFailed(Exception ex, string thing);
}
