using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Valmetal.DeviceContract;

namespace Valmetal.Bench;

/// <summary>
/// A long run at a steady rate, watching for what only time shows: memory that keeps growing after warm-up, and
/// ingest lag that creeps up. Memory is sampled every minute per process; growth is the least-squares slope of the
/// samples after the warm-up, in MB per hour. Lag is publish → queryable, compared between the first and last windows.
/// </summary>
public static class SoakRun
{
    private const double MaxGrowthMegabytesPerHour = 20;
    private const int LatencySampleEvery = 50;
    private static readonly TimeSpan MemoryInterval = TimeSpan.FromMinutes(1);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<bool> RunAsync(BenchPlatform platform, BenchOptions options, TimeSpan duration)
    {
        // Ten minutes of warm-up and ten-minute windows for an hour's soak; a third of the run for a shorter one.
        var window = duration >= TimeSpan.FromMinutes(30) ? TimeSpan.FromMinutes(10) : duration / 3;
        var publishers = await RawBaselines.ConnectPublishersAsync(platform, options);
        var from = DateTime.UtcNow;
        var sent = new ConcurrentDictionary<(string Thing, DateTime Ts), long>();
        var latencies = new ConcurrentQueue<(long At, double Milliseconds)>();
        using var stop = new CancellationTokenSource();
        var watcher = PipelineRuns.WatchAsync(platform, PipelineRuns.Probes(publishers), from, sent, latencies, stop.Token);

        var start = Stopwatch.GetTimestamp();
        var rate = options.Rate > 0 ? options.Rate : 5000;
        var publishing = Task.WhenAll(publishers.Select(p => p.RunAsync(Topics.Telemetry(p.Thing), from, (double)rate / publishers.Count, duration,
            (seq, ts, at) =>
            {
                if (seq % LatencySampleEvery == 0)
                {
                    sent[(p.Thing, ts)] = at;
                }
            }, CancellationToken.None)));

        var memory = new List<(double Hours, List<MemorySample> Samples)>();
        using var processes = new ProcessMemory();
        using var cpu = CpuShares.Start();
        do
        {
            var samples = await processes.SampleAsync();
            var elapsed = Stopwatch.GetElapsedTime(start);
            memory.Add((elapsed.TotalHours, samples));
            var recent = latencies.Where(l => Stopwatch.GetElapsedTime(start, l.At) > elapsed - MemoryInterval).Select(l => l.Milliseconds).ToList();
            var services = string.Join(", ", samples.Where(s => s.GcHeapMegabytes is not null)
                .Select(s => string.Create(Invariant,
                    $"{s.Part}[{s.Pid}] {s.RssMegabytes:0}/{s.PssMegabytes:0}/{s.AnonymousMegabytes:0}/{s.GcHeapMegabytes:0}/{s.GcCommittedMegabytes:0} MB {s.Threads}t")));
            Console.WriteLine(string.Create(Invariant,
                $"  {elapsed.TotalMinutes,5:0.0} min: published {publishers.Sum(p => p.Acknowledged),10}, lag p99 last minute {Percentile(recent, 0.99),6:0} ms; RSS/PSS/anonymous/GC heap/GC committed, threads {services}"));
        }
        while (await Task.WhenAny(publishing, Task.Delay(MemoryInterval)) != publishing);

        await publishing;
        Console.WriteLine($"  CPU: {cpu.Summary()}");
        var drain = Stopwatch.StartNew();
        while (!sent.IsEmpty && drain.Elapsed < options.Drain)
        {
            await Task.Delay(250);
        }

        await stop.CancelAsync();
        await watcher;
        var (lost, duplicated, expected) = await CountAsync(platform, from, publishers);
        foreach (var publisher in publishers)
        {
            await publisher.DisposeAsync();
        }

        var memoryOk = ReportMemory(memory, window.TotalHours);
        var lagOk = ReportLag(latencies, start, duration, window);
        Console.WriteLine(string.Create(Invariant, $"soak points: expected {expected}, lost {lost}, duplicated {duplicated}"));
        var passed = memoryOk && lagOk && lost == 0 && duplicated == 0;
        Console.WriteLine(passed ? "soak: PASS" : "soak: FAIL");
        return passed;
    }

    /// <summary>
    /// Growth per process after warm-up, in MB per hour: RSS (the rule's measure, and unlike PSS independent of which
    /// other processes map the same libraries) for every process, PostgreSQL's summed PSS, the GC heap for .NET services.
    /// </summary>
    private static bool ReportMemory(List<(double Hours, List<MemorySample> Samples)> memory, double warmUpHours)
    {
        var after = memory.Where(m => m.Hours >= warmUpHours).Select(m => (m.Hours, Samples: PostgresAsOne(m.Samples))).ToList();
        if (after.Count < 3)
        {
            Console.WriteLine($"memory growth: {after.Count} samples after the warm-up are too few to judge; soak for at least 10 minutes");
            return false;
        }

        var ok = true;
        Console.WriteLine(string.Create(Invariant, $"memory growth after {warmUpHours * 60:0} min of warm-up ({after.Count} samples, MB per hour; limit {MaxGrowthMegabytesPerHour}):"));
        foreach (var process in after.SelectMany(m => m.Samples).Select(s => (s.Pid, s.Part)).Distinct().OrderBy(p => p.Part))
        {
            var series = after.SelectMany(m => m.Samples.Where(s => s.Pid == process.Pid).Select(s => (m.Hours, Sample: s))).ToList();
            if (series.Count < 3)
            {
                continue;
            }

            var server = process.Pid == 0;
            var measure = server ? "PSS" : "RSS";
            double Judged(MemorySample sample) => server ? sample.PssMegabytes : sample.RssMegabytes;
            var growth = Slope(series.Select(s => (s.Hours, Judged(s.Sample))).ToList());
            var heaps = series.Where(s => s.Sample.GcHeapMegabytes is not null).Select(s => (s.Hours, s.Sample.GcHeapMegabytes!.Value)).ToList();
            double? heap = heaps.Count >= 3 ? Slope(heaps) : null;
            var within = growth < MaxGrowthMegabytesPerHour && (heap ?? 0) < MaxGrowthMegabytesPerHour;
            ok &= within;
            var heapGrowth = heap is { } h ? string.Create(Invariant, $"; GC heap {heaps[0].Item2:0} → {heaps[^1].Item2:0} MB, {h:+0.0;-0.0} MB/h") : string.Empty;
            // Not judged, but says where RSS growth is: allocated memory (anonymous) or mapped files, and whether threads came with it.
            var anonymous = series.Where(s => s.Sample.AnonymousMegabytes is not null).Select(s => (s.Hours, s.Sample.AnonymousMegabytes!.Value)).ToList();
            var allocated = !server && anonymous.Count >= 3
                ? string.Create(Invariant, $"; anonymous {anonymous[0].Item2:0} → {anonymous[^1].Item2:0} MB, {Slope(anonymous):+0.0;-0.0} MB/h; threads {series[0].Sample.Threads} → {series[^1].Sample.Threads}")
                : string.Empty;
            Console.WriteLine(string.Create(Invariant,
                $"  {process.Part}[{process.Pid}]: {measure} {Judged(series[0].Sample):0} → {Judged(series[^1].Sample):0} MB, {growth:+0.0;-0.0} MB/h{heapGrowth}{allocated}{(within ? string.Empty : "  ← over")}"));
        }

        return ok;
    }

    /// <summary>
    /// PostgreSQL is judged as one server: a backend lives as long as its pooled connection, and its PSS grows with
    /// the shared buffers it touches (their pages shared with every other backend), so one backend's series says
    /// nothing; the sum over all of them at each sample is the server's memory, shared buffers counted once.
    /// </summary>
    internal static List<MemorySample> PostgresAsOne(List<MemorySample> samples) =>
    [
        .. samples.Where(s => s.Part != "postgres"),
        .. samples.Where(s => s.Part == "postgres").GroupBy(s => s.Part).Select(g => new MemorySample(0, "postgres (all processes)", g.Sum(s => s.RssMegabytes), g.Sum(s => s.PssMegabytes), null)),
    ];

    private static bool ReportLag(ConcurrentQueue<(long At, double Milliseconds)> latencies, long start, TimeSpan duration, TimeSpan window)
    {
        List<double> Between(TimeSpan from, TimeSpan to) =>
            [.. latencies.Where(l => Stopwatch.GetElapsedTime(start, l.At) is var at && at >= from && at < to).Select(l => l.Milliseconds)];
        var first = Between(TimeSpan.Zero, window);
        var last = Between(duration - window, duration + TimeSpan.FromMinutes(5));
        var (p99First, p99Last) = (Percentile(first, 0.99), Percentile(last, 0.99));
        Console.WriteLine(string.Create(Invariant,
            $"ingest lag p99: first {window.TotalMinutes:0} min {p99First:0} ms ({first.Count} samples), last {window.TotalMinutes:0} min {p99Last:0} ms ({last.Count} samples)"));
        return p99Last <= p99First;
    }

    private static async Task<(long Lost, long Duplicated, long Expected)> CountAsync(BenchPlatform platform, DateTime from, List<LoadPublisher> publishers)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseAsync());
        await db.OpenAsync();
        var expected = publishers.Sum(p => p.Acknowledged) * 3;
        var (points, distinct) = await PipelineRuns.StoredAndDistinctAsync(db, from);
        return (Math.Max(0, expected - distinct), points - distinct, expected);
    }

    private static double Percentile(List<double> values, double p) =>
        values.Count == 0 ? double.NaN : values.Order().ElementAt(Math.Min(values.Count - 1, (int)(values.Count * p)));

    /// <summary>Least-squares slope of y over x.</summary>
    private static double Slope(List<(double X, double Y)> points)
    {
        var (meanX, meanY) = (points.Average(p => p.X), points.Average(p => p.Y));
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }
}
