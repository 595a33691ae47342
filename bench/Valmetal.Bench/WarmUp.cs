using System.Diagnostics;
using System.Globalization;
using Valmetal.DeviceContract;

namespace Valmetal.Bench;

/// <summary>
/// Loads the freshly started platform at the run's rate before anything is measured. Under load the services spend
/// their first 40–50 s compiling their hot paths (a telemetry replica's `dotnet.jit.compilation.time` at 6–7 s per
/// 10 s, then under 1 s), which a cold window counts as the pipeline's own speed. A task on AWS serves for days, so
/// the figures are of a warm one; the raw broker baseline runs after the warm-up too, as its publishers and subscriber
/// are .NET code of this process, so both sides of the ratio are warm.
/// </summary>
public static class WarmUp
{
    public static async Task RunAsync(BenchPlatform platform, BenchOptions options)
    {
        if (options.WarmUp <= TimeSpan.Zero)
        {
            return;
        }

        var publishers = await RawBaselines.ConnectPublishersAsync(platform, options);
        // Before the measured window's samples (which start 2 minutes before that window), and a few seconds long.
        var from = DateTime.UtcNow.AddMinutes(-4);
        var perDevice = options.Rate > 0 ? (double)options.Rate / publishers.Count : 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(publishers.Select(p => p.RunAsync(Topics.Telemetry(p.Thing), from, perDevice, options.WarmUp, null, CancellationToken.None)));
        var published = publishers.Sum(p => p.Acknowledged);
        var publishing = clock.Elapsed;
        foreach (var publisher in publishers)
        {
            await publisher.DisposeAsync();
        }

        var stored = await PipelineRuns.AwaitSamplesAsync(platform, from, from.AddMinutes(1), published, options.Drain);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {published} messages in {publishing.TotalSeconds:0} s ({published / publishing.TotalSeconds:0}/s), {stored} stored {(clock.Elapsed - publishing).TotalSeconds:0.0} s after publishing stopped; not counted below"));
    }
}
