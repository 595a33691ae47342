using System.Net;
using Valmetal.DeviceContract.Messages;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Live;

/// <summary>
/// Keeps one page subscribed to the API's live stream, reconnecting after a failure or after the API ended it,
/// until the page goes away or the API refuses the stream.
/// </summary>
public sealed partial class LiveFeed(LiveUpdatesClient client, ILogger<LiveFeed> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _disposed;

    /// <param name="onSubscribed">
    /// Runs each time the stream is subscribed, before its first update: the page reads again what it shows, since a
    /// change made before that moment (while the page loaded, or while the stream was down) never reaches the stream.
    /// </param>
    /// <param name="onUpdate">Runs for each update, one at a time, after <paramref name="onSubscribed"/> has finished.</param>
    public void Start(Guid? farmId, Func<Task> onSubscribed, Func<LiveUpdate, Task> onUpdate)
    {
        _loop ??= RunAsync(farmId, onSubscribed, onUpdate, _stop.Token);
    }

    /// <summary>Completes when the feed stopped for good: the page went away, or the API refused the stream.</summary>
    internal Task Completion => _loop ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping is the point.
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(Guid? farmId, Func<Task> onSubscribed, Func<LiveUpdate, Task> onUpdate, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var update in client.StreamAsync(farmId, onSubscribed, ct))
                {
                    await onUpdate(update);
                }
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // Disabled, role changed, or the farm is no longer the user's: asking again gets the same answer.
                // The page keeps what it shows; reloading it or signing in again asks anew.
                LogStreamRefused(ex.StatusCode);
                return;
            }
            catch (HttpRequestException ex)
            {
                LogStreamFailed(ex);
            }
            catch (IOException ex)
            {
                LogStreamFailed(ex);
            }

            // Also after a stream the API ended (its access re-check sends 'access-changed' first): the pause keeps a
            // reconnect that is let in and ended again from becoming a tight loop.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Live stream from the API interrupted; reconnecting")]
    private partial void LogStreamFailed(Exception ex);

    [LoggerMessage(LogLevel.Information, "Live stream refused by the API ({Status}); no longer updating this page")]
    private partial void LogStreamRefused(HttpStatusCode? status);
}
