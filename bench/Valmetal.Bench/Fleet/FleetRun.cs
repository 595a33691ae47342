using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// <c>--devices N</c>: registers N units through the API, connects them all (each its own certificate, client id and
/// TLS connection), publishes --rate messages/s between them for --window, optionally restarts the broker, and counts
/// what arrived: every sample a device took must be stored once.
/// </summary>
public static class FleetRun
{
    /// <summary>Devices whose every sample is timed from publish to queryable; a probe per device per look.</summary>
    private const int LatencyProbes = 100;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The services' own output is not printed unless it is a warning: the figures are what the bench prints.</summary>
    internal const string QuietServices = "--Logging:LogLevel:Valmetal.AppHost.Resources=Warning";

    /// <summary>Registration is an admin's bulk work: the per-user request budget is for people, not for this.</summary>
    private static readonly string[] Settings = ["--RateLimits:Api:PerUserBurst=100000", "--RateLimits:Api:PerUserPerSecond=10000", QuietServices];

    public static async Task<int> RunAsync(FleetOptions options)
    {
        Console.WriteLine(string.Create(Invariant, $"Valmetal fleet benchmark: {Environment.ProcessorCount} cores, {options.Devices} devices, " +
            $"{options.Rate} messages/s in total ({(double)options.Rate / options.Devices:0.###} per device), window {options.Window.TotalSeconds:0} s, mutual TLS, QoS 1, 3 metrics per message"));
        await using var platform = await BenchPlatform.StartAsync(Settings);

        var (units, times) = await FleetRegistration.RegisterAsync(platform, options.Devices);
        Console.WriteLine(string.Create(Invariant, $"registered through the API: {times.Farms} farms in {times.FarmsTook.TotalSeconds:0.0} s, " +
            $"{units.Count} units in {times.EquipmentTook.TotalSeconds:0.0} s ({units.Count / times.EquipmentTook.TotalSeconds:0}/s), " +
            $"{units.Count} certificates issued in {times.CertificatesTook.TotalSeconds:0.0} s ({units.Count / times.CertificatesTook.TotalSeconds:0}/s)"));

        var counters = new FleetCounters();
        var sent = new ConcurrentDictionary<(string Thing, DateTime Ts), long>();
        // Each device loads its certificate and key (a PKCS#12 round trip, ClientCertificates.LoadClient): minutes of one
        // core for 10,000, so on every core; the platform is idle meanwhile.
        var clock = Stopwatch.StartNew();
        var devices = units.AsParallel().AsOrdered().Select((unit, i) => new FleetDevice(unit, counters, new Random(i))
        {
            OnTaken = i < LatencyProbes ? (ts, started) => sent[(unit.Thing, ts)] = started : null,
        }).ToList();
        Console.WriteLine(string.Create(Invariant, $"{devices.Count} device clients built (certificate and key loaded) in {clock.Elapsed.TotalSeconds:0.0} s"));
        try
        {
            await ConnectAllAsync(devices, counters, options);
            if (options.ConnectOnly)
            {
                await FleetReport.PrintMemoryAsync("with every device connected", options.Devices);
                return 0;
            }

            await FleetWarmUp.RunAsync(platform, devices, counters, options);
            sent.Clear();
            return await PublishAsync(platform, devices, counters, sent, options);
        }
        finally
        {
            await Task.WhenAll(devices.Select(d => d.DisconnectAsync()));
            devices.ForEach(d => d.Dispose());
        }
    }

    private static async Task ConnectAllAsync(List<FleetDevice> devices, FleetCounters counters, FleetOptions options)
    {
        var before = FleetReport.OwnMegabytes();
        var clock = Stopwatch.StartNew();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = patience.Token },
            async (device, ct) => await device.ConnectAsync(ct));
        Console.WriteLine(string.Create(Invariant,
            $"connected {counters.ConnectedNow} of {devices.Count} devices in {clock.Elapsed.TotalSeconds:0.0} s ({devices.Count / clock.Elapsed.TotalSeconds:0} handshakes/s, {options.ConnectConcurrency} at a time); failed attempts: {counters.ConnectFailures}"));
        Console.WriteLine(string.Create(Invariant,
            $"  this bench's RSS grew {FleetReport.OwnMegabytes() - before:0} MB while connecting: {(FleetReport.OwnMegabytes() - before) * 1024 / devices.Count:0} KB per device connection (client, TLS, certificate)"));
        FleetReport.PrintFileDescriptors();
    }

    private static async Task<int> PublishAsync(BenchPlatform platform, List<FleetDevice> devices, FleetCounters counters,
        ConcurrentDictionary<(string Thing, DateTime Ts), long> sent, FleetOptions options)
    {
        var from = DateTime.UtcNow;
        var generatedBefore = devices.Sum(d => d.Generated);
        using var drainBy = new CancellationTokenSource(options.Window + options.Drain);
        using var stopWatching = new CancellationTokenSource();
        var latencies = new ConcurrentQueue<(long At, double Milliseconds)>();
        var probes = devices.Take(LatencyProbes).Select(d => (d.Unit.Thing, d.Unit.Metrics[0].Key)).ToList();
        var watcher = PipelineRuns.WatchAsync(platform, probes, from, sent, latencies, stopWatching.Token);
        using var cpu = CpuShares.Start();
        var clock = Stopwatch.StartNew();
        var allSent = FleetDevice.RunAllAsync(devices, from, options.Rate, options.Window, drainBy.Token)
            .ContinueWith(_ => clock.Elapsed - options.Window, TaskScheduler.Default);
        var storm = options.RestartBrokerAt is { } at ? RestartAndWatchAsync(platform, counters, devices.Count, at, drainBy.Token) : Task.CompletedTask;
        var progress = ProgressAsync(platform, devices, counters, options.Window);

        await Task.Delay(options.Window);
        var cpuWhilePublishing = cpu.Summary();
        await FleetReport.PrintMemoryAsync("at the end of the window", devices.Count);
        var sentAfter = await allSent;
        await progress;
        await storm;
        Console.WriteLine($"  CPU while publishing: {cpuWhilePublishing}");

        var generated = devices.Sum(d => d.Generated) - generatedBefore;
        await using var db = new NpgsqlConnection(await platform.DatabaseAsync());
        await db.OpenAsync();
        var tally = await FleetTally.CountAsync(db, from, devices, counters.Taken, options.Drain);
        var drained = clock.Elapsed - options.Window;
        await stopWatching.CancelAsync();
        await watcher;
        Console.WriteLine(string.Create(Invariant,
            $"fleet: {generated} samples taken by {devices.Count} devices ({generated / options.Window.TotalSeconds:0}/s); PUBACKs: {counters.Taken} taken, {counters.NotYetTaken} not yet taken (sent again), {counters.Refused} refused; {counters.PublishFailures} publishes lost with their link (sent again); {tally.UndeliveredPoints / 3} samples never acknowledged, still on the devices when the drain ended"));
        Console.WriteLine(string.Create(Invariant,
            $"  points acknowledged {tally.AcknowledgedPoints}, stored {tally.StoredOfAcknowledged} of them, lost {tally.Lost}, duplicated {tally.Duplicated}; undelivered {tally.UndeliveredPoints} ({tally.UndeliveredStored} of them stored without their PUBACK reaching the device); devices had sent everything {sentAfter.TotalSeconds:0.0} s after the window, stored {drained.TotalSeconds:0.0} s after"));
        if (options.RestartBrokerAt is null)
        {
            Console.WriteLine($"  connected at the end {counters.ConnectedNow} of {devices.Count}; failed connection attempts, first connection included: {counters.ConnectFailures}");
        }

        Console.WriteLine($"  messages refused by the pipeline with a rejection record, by reason: {tally.Rejected}");

        var sorted = latencies.Select(l => l.Milliseconds).Order().ToList();
        Console.WriteLine(sorted.Count == 0 ? "  publish → queryable: no samples" : string.Create(Invariant,
            $"  publish → queryable ({LatencyProbes} devices, every sample): p50 {sorted[sorted.Count / 2]:0} ms, p99 {sorted[(int)(sorted.Count * 0.99)]:0} ms, max {sorted[^1]:0} ms ({sorted.Count} samples)"));
        if (tally.Lost > 0 && options.HoldOnLoss is { } hold)
        {
            Console.WriteLine(string.Create(Invariant, $"holding the platform {hold.TotalSeconds:0} s to inspect the loss; PostgreSQL: {new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = null }}"));
            await Task.Delay(hold);
        }

        return tally.Lost == 0 && tally.Duplicated == 0 && tally.UndeliveredPoints == 0 ? 0 : 1;
    }

    private static async Task RestartAndWatchAsync(BenchPlatform platform, FleetCounters counters, int devices, TimeSpan at, CancellationToken ct)
    {
        await Task.Delay(at, ct);
        var curve = new ReconnectCurve();
        var watching = curve.WatchAsync(counters, devices, ct);
        var down = await BrokerRestart.RestartAsync(platform.App);
        await watching;
        var back = curve.AllBackAfter is { } after
            ? string.Create(Invariant, $"all {devices} devices connected again {after.TotalSeconds:0} s after the stop")
            : "not every device came back before the drain ended";
        Console.WriteLine(string.Create(Invariant, $"reconnect storm: broker restarted at {at.TotalSeconds:0} s, running again {down.TotalSeconds:0.0} s after the stop; {back}"));
        Console.WriteLine($"  failed connection attempts, first connection included: {counters.ConnectFailures}");
        Console.WriteLine("  connected devices, second by second since the stop:");
        foreach (var line in curve.Lines())
        {
            Console.WriteLine("    " + line);
        }
    }

    /// <summary>Collections of each generation since <paramref name="before"/>: a count includes the older generations' collections.</summary>
    private static string Collections(int[] before) =>
        string.Create(Invariant, $"collections gen0 {GC.CollectionCount(0) - before[0]}, gen1 {GC.CollectionCount(1) - before[1]}, gen2 {GC.CollectionCount(2) - before[2]}");

    /// <summary>
    /// Every 10 s of the window: devices connected, samples acknowledged and points stored per second since the line before
    /// (over the time that really passed), what is buffered on the devices.
    /// </summary>
    private static async Task ProgressAsync(BenchPlatform platform, List<FleetDevice> devices, FleetCounters counters, TimeSpan window)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseAsync());
        await db.OpenAsync();
        var clock = Stopwatch.StartNew();
        var (lastTaken, lastStored, lastAt, lastPaused) = (0L, await PipelineRuns.InsertedSoFarAsync(db), TimeSpan.Zero, GC.GetTotalPauseDuration());
        int[] lastCounts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var interval = TimeSpan.FromSeconds(10);
        // A reading later than a whole interval (a busy database answers the statistics late) skips the marks it
        // passed: the next line then covers a full interval, not the few milliseconds to an overdue mark. A delay that
        // ends a little early must not count the same mark twice.
        for (var next = interval; next <= window; next = interval * (Math.Max(Math.Floor(clock.Elapsed / interval), next / interval) + 1))
        {
            await Task.Delay(next - clock.Elapsed is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            var (taken, stored, at, paused) = (counters.Taken, await PipelineRuns.InsertedSoFarAsync(db), clock.Elapsed, GC.GetTotalPauseDuration());
            var seconds = (at - lastAt).TotalSeconds;
            // The bench's own GC pauses: its heap holds every device's connection, and a pause stops all of them at once.
            Console.WriteLine(string.Create(Invariant,
                $"  {at.TotalSeconds,4:0} s: {counters.ConnectedNow,6} connected, acknowledged {(taken - lastTaken) / seconds,7:0}/s, samples stored {(stored - lastStored) / seconds,7:0}/s, {devices.Sum(d => d.Buffered),8} samples buffered on devices, bench paused by GC {(paused - lastPaused).TotalMilliseconds,5:0} ms ({Collections(lastCounts)})"));
            (lastTaken, lastStored, lastAt, lastPaused) = (taken, stored, at, paused);
            lastCounts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        }
    }
}
