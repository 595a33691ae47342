using System.Diagnostics;
using System.Globalization;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// Connected devices, second by second, from the moment the broker is told to stop: how fast a fleet comes back under
/// the contract's backoff, and when the last device is back.
/// </summary>
public sealed class ReconnectCurve
{
    private readonly List<int> _connected = [];

    public TimeSpan? AllBackAfter { get; private set; }

    /// <summary>Samples every second until every device is connected again or <paramref name="ct"/> ends.</summary>
    public async Task WatchAsync(FleetCounters counters, int devices, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var wentDown = false;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await Wait(timer, ct))
        {
            var now = counters.ConnectedNow;
            _connected.Add(now);
            wentDown |= now < devices;
            if (wentDown && now >= devices)
            {
                AllBackAfter = clock.Elapsed;
                return;
            }
        }
    }

    /// <summary>One line per ten seconds, "connected at second s" for each second: 0:4980 1:12 2:310 ….</summary>
    public IEnumerable<string> Lines() => _connected.Chunk(10).Select((chunk, i) =>
        string.Join(' ', chunk.Select((count, j) => string.Create(CultureInfo.InvariantCulture, $"{i * 10 + j + 1,3}s:{count,6}"))));

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
