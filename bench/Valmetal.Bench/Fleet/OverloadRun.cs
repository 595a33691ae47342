using System.Globalization;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// <c>--overload</c>: the 25-connection run offered twice the rate it sustains. The broker queues what the telemetry
/// replicas cannot take yet (its queue is unbounded: docs/decisions.md, "Overload without loss"); what matters is
/// that nothing it acknowledged is lost, how long the backlog takes to drain, and what the queue costs in memory.
/// </summary>
public static class OverloadRun
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(FleetOptions options)
    {
        var offered = 2 * options.Rate;
        Console.WriteLine(string.Create(Invariant, $"Valmetal overload: {Environment.ProcessorCount} cores, {offered} messages/s offered (2 × {options.Rate}) " +
            $"for {options.Window.TotalSeconds:0} s over 25 devices, QoS 1, 3 metrics per message"));
        await using var platform = await BenchPlatform.StartAsync(FleetRun.QuietServices);
        var broker = new BrokerMemory();
        var before = broker.Sample();
        using var stop = new CancellationTokenSource();
        var watching = broker.WatchAsync(stop.Token);

        var run = await PipelineRuns.ThroughputAsync(platform, new BenchOptions(options.Window, offered, 0, 100, options.Drain, SkipBaselines: true));
        await stop.CancelAsync();
        await watching;
        Console.WriteLine(string.Create(Invariant,
            $"overload: published {run.Published} messages ({run.PublishedPerSecond:0}/s offered and acknowledged), stored {run.MessagesPerSecond:0}/s; " +
            $"points expected {run.PointsExpected}, stored {run.PointsStored}, lost {run.Lost}, duplicated {run.Duplicated}"));
        Console.WriteLine(string.Create(Invariant,
            $"  backlog: peak {run.PeakBacklog} messages acknowledged and not yet stored; drained {run.DrainSeconds:0.0} s after publishing stopped"));
        var growth = broker.PeakMegabytes - before;
        var perMessage = run.PeakBacklog > 0 ? string.Create(Invariant, $", about {growth * 1024 * 1024 / run.PeakBacklog:0} bytes per queued message") : string.Empty;
        Console.WriteLine(string.Create(Invariant, $"  mosquitto RSS: {before:0} MB before, peak {broker.PeakMegabytes:0} MB{perMessage}"));
        return run.Lost == 0 ? 0 : 1;
    }
}
