using System.Collections.Concurrent;
using System.Diagnostics;

namespace Valmetal.Bench.Api;

/// <summary>One read path under load: its requests per second and how each request is made.</summary>
public sealed record ApiEndpoint(string Name, double Rate, Func<long, HttpRequestMessage> Request);

/// <summary>What one endpoint got over the window. Latency is measured from when a request was due, not sent.</summary>
public sealed record EndpointResult(string Name, double Offered, double Achieved, double P50, double P99, double Max, long Errors, string? FirstError);

/// <summary>
/// An open loop: each endpoint's requests are sent on a fixed schedule whether or not earlier ones finished, so a
/// slow server shows as growing latency (queueing included), never as a lower rate the client chose for it.
/// </summary>
public static class OpenLoop
{
    public static async Task<List<EndpointResult>> RunAsync(HttpClient http, IReadOnlyList<ApiEndpoint> endpoints, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var runs = endpoints.Select(e => DriveAsync(http, e, window, clock)).ToList();
        return [.. await Task.WhenAll(runs)];
    }

    private static async Task<EndpointResult> DriveAsync(HttpClient http, ApiEndpoint endpoint, TimeSpan window, Stopwatch clock)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentQueue<string>();
        var inFlight = new List<Task>();
        long sent = 0;
        for (; ; sent++)
        {
            var due = TimeSpan.FromSeconds(sent / endpoint.Rate);
            if (due >= window)
            {
                break;
            }

            if (due - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            inFlight.Add(SendAsync(http, endpoint.Request(sent), due, clock, latencies, errors));
            if (inFlight.Count > 10_000)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);
        var sorted = latencies.Order().ToArray();
        var ok = sorted.Length;
        return new EndpointResult(endpoint.Name, sent / window.TotalSeconds, ok / window.TotalSeconds,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), ok > 0 ? sorted[^1] : double.NaN, errors.Count, errors.TryPeek(out var first) ? first : null);
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan due, Stopwatch clock,
        ConcurrentBag<double> latencies, ConcurrentQueue<string> errors)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                // The whole body, as a caller reads it.
                await response.Content.LoadIntoBufferAsync();
                if (response.IsSuccessStatusCode)
                {
                    latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                }
                else
                {
                    errors.Enqueue($"{(int)response.StatusCode} {request.RequestUri}");
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            errors.Enqueue($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
