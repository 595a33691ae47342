using System.Collections.Concurrent;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>Reads the API's server-sent events in the background, keeping every event name and data line for assertions.</summary>
public sealed class LiveStream : IDisposable
{
    private readonly HttpClient _api;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    public LiveStream(HttpClient api, string url)
    {
        _api = api;
        _api.Timeout = Timeout.InfiniteTimeSpan;
        _reading = ReadAsync(url);
    }

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The name of every event, in order.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>Whether a data line seen so far contains <paramref name="text"/>.</summary>
    public bool Saw(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits for the stream's 'subscribed' event: from then on every update reaches it.</summary>
    public Task StartedAsync() => _started.Task.WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>Waits for a data line containing <paramref name="text"/>.</summary>
    public Task<string> WaitForAsync(string text, TimeSpan timeout) =>
        Eventually.GetAsync(() => Task.FromResult(Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))), timeout, $"a live update with '{text}'");

    /// <summary>Whether the response is still open.</summary>
    public bool IsOpen => !_reading.IsCompleted;

    /// <summary>Waits until the API completes the response; a <see cref="TimeoutException"/> if it is still open by then.</summary>
    public async Task EndedAsync(TimeSpan timeout)
    {
        try
        {
            await _reading.WaitAsync(timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The live stream was still open after {timeout.TotalSeconds:0} s.", ex);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reading.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException or HttpRequestException or IOException))
        {
            // Cancelling the request ends the stream; that is how it is meant to stop.
        }

        _stop.Dispose();
        _api.Dispose();
    }

    private async Task ReadAsync(string url)
    {
        using var response = await _api.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                var name = line["event:".Length..].Trim();
                Events.Enqueue(name);
                if (name == LiveEvents.Subscribed)
                {
                    _started.TrySetResult();
                }
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                Lines.Enqueue(line);
            }
        }
    }
}
