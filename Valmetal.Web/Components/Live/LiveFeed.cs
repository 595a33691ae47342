using Valmetal.DeviceContract.Messages;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Live;

/// <summary>
/// Keeps one page subscribed to the API's live stream, reconnecting after a failure,
/// until the page goes away.
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
            catch (HttpRequestException ex)
            {
                LogStreamFailed(ex);
            }
            catch (IOException ex)
            {
                LogStreamFailed(ex);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Live stream from the API interrupted; reconnecting")]
    private partial void LogStreamFailed(Exception ex);
}
