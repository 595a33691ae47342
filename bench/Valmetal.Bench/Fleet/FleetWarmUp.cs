using System.Diagnostics;
using System.Globalization;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// The fleet publishes as it will in the window, unmeasured, until what it sent is stored: the services compile their
/// hot paths under load in their first 40–50 s (WarmUp), and a cold start's stall would otherwise set the window's
/// p99. A task on AWS serves for days, so the window's figures are of a warm platform.
/// </summary>
public static class FleetWarmUp
{
    public static async Task RunAsync(BenchPlatform platform, List<FleetDevice> devices, FleetCounters counters, FleetOptions options)
    {
        if (options.WarmUp <= TimeSpan.Zero)
        {
            return;
        }

        var from = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var drainBy = new CancellationTokenSource(options.WarmUp + options.Drain))
        {
            await FleetDevice.RunAllAsync(devices, from, options.Rate, options.WarmUp, drainBy.Token);
        }

        var sent = clock.Elapsed;
        var taken = counters.Taken;
        var stored = await PipelineRuns.AwaitSamplesAsync(platform, from, from + options.WarmUp, taken, options.Drain);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {taken} samples acknowledged in {options.WarmUp.TotalSeconds:0} s ({taken / options.WarmUp.TotalSeconds:0}/s), devices done {(sent - options.WarmUp).TotalSeconds:0.0} s after, " +
            $"{stored} stored {(clock.Elapsed - options.WarmUp).TotalSeconds:0.0} s after; not counted below"));
        counters.StartWindow();
    }
}
