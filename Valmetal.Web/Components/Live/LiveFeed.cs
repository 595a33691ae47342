using System.Net;
using Polly;
using Polly.Registry;
using Valmetal.DeviceContract.Messages;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Live;

/// <summary>
/// Keeps one page subscribed to the API's live stream, reconnecting through <see cref="WebPipelines.LiveReconnect"/>
/// after a failure or after the API ended it, until the page goes away or the API refuses the stream.
/// </summary>
/// <remarks>
/// The feed also stops when the app does: a page's circuit outlives its WebSocket for minutes, and the pipeline registry
/// waits, as the app's services are disposed, for every execution still running, so a feed left running would hold up
/// the app's stop until the host gives up on it.
/// </remarks>
public sealed partial class LiveFeed(
    LiveUpdatesClient client, ResiliencePipelineProvider<string> pipelines, IHostApplicationLifetime lifetime, ILogger<LiveFeed> logger)
    : IAsyncDisposable
{
    private readonly ResiliencePipeline _reconnect = pipelines.GetPipeline(WebPipelines.LiveReconnect);
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
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
        try
        {
            await _reconnect.ExecuteAsync(async token =>
            {
                await foreach (var update in client.StreamAsync(farmId, onSubscribed, token))
                {
                    await onUpdate(update);
                }
            }, ct);
        }
        catch (HttpRequestException ex) when (WebPipelines.IsRefusal(ex))
        {
            // The page keeps what it shows; reloading it or signing in again asks anew.
            LogStreamRefused(ex.StatusCode);
        }
    }

    [LoggerMessage(LogLevel.Information, "Live stream refused by the API ({Status}); no longer updating this page")]
    private partial void LogStreamRefused(HttpStatusCode? status);
}
