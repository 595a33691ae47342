using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Schema;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Bench;

public sealed record ThroughputResult(long Published, double PublishedPerSecond, long PointsExpected, long PointsStored, long Lost, long Duplicated, double MessagesPerSecond, double PointsPerSecond, double DrainSeconds)
{
    /// <summary>The most messages acknowledged to devices and not yet stored, at the 10 s progress lines.</summary>
    public long PeakBacklog { get; init; }
}

/// <param name="ProbeReadP50Milliseconds">How long the probe's own read took at the median: part of every latency.</param>
public sealed record LatencyResult(int Samples, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, double RateAchieved,
    double ProbeReadP50Milliseconds, double ProbeReadP99Milliseconds);

/// <summary>The full path: device → broker → telemetry replicas → PostgreSQL, measured where it ends (stored and queryable).</summary>
public static class PipelineRuns
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Publishes for the window (at --rate, or as fast as the broker acknowledges), printing every 10 s what was
    /// published and stored in that interval and how far storage is behind; then waits for the pipeline to drain and
    /// counts every point: lost (published, acknowledged, never stored) and duplicated (stored twice).
    /// </summary>
    public static async Task<ThroughputResult> ThroughputAsync(BenchPlatform platform, BenchOptions options)
    {
        var publishers = await RawBaselines.ConnectPublishersAsync(platform, options);
        var from = DateTime.UtcNow.AddMinutes(-2);
        var perDevice = options.Rate > 0 ? (double)options.Rate / publishers.Count : 0;
        await using var db = new NpgsqlConnection(await platform.DatabaseAsync());
        await db.OpenAsync();

        var clock = Stopwatch.StartNew();
        using var cpu = CpuShares.Start();
        var publishing = Task.WhenAll(publishers.Select(p => p.RunAsync(Topics.Telemetry(p.Thing), from, perDevice, options.Window, null, CancellationToken.None)));
        var (lastPublished, lastStored, peakBacklog) = (0L, 0L, 0L);
        while (!publishing.IsCompleted)
        {
            await Task.WhenAny(publishing, Task.Delay(ProgressInterval));
            if (publishing.IsCompleted)
            {
                break;
            }

            var published = publishers.Sum(p => p.Acknowledged);
            var stored = await CountAsync(db, from) / 3;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {clock.Elapsed.TotalSeconds,4:0} s: published {(published - lastPublished) / ProgressInterval.TotalSeconds,7:0}/s, stored {(stored - lastStored) / ProgressInterval.TotalSeconds,7:0}/s, {published - stored,9} messages not yet stored"));
            (lastPublished, lastStored, peakBacklog) = (published, stored, Math.Max(peakBacklog, published - stored));
        }

        await publishing;
        var window = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  CPU while publishing: {cpu.Summary()}");
        if (publishers.Sum(p => p.Refused + p.Unanswered) is var notTaken and > 0)
        {
            Console.WriteLine($"  {notTaken} publishes not taken by the broker (refused, or no PUBACK within 30 s): not counted as published");
        }

        var publishedInWindow = publishers.Sum(p => p.Acknowledged);
        var expected = publishedInWindow * 3;
        long points = 0;
        var drainDeadline = clock.Elapsed + options.Drain;
        var lastReport = clock.Elapsed;
        while (clock.Elapsed < drainDeadline)
        {
            points = await CountAsync(db, from);
            if (points >= expected)
            {
                break;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  draining: {points} of {expected} points stored after {clock.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(250);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        (points, var distinct) = await StoredAndDistinctAsync(db, from);
        if (distinct < expected)
        {
            await ReportMissingAsync(db, from, publishers);
        }

        foreach (var publisher in publishers)
        {
            await publisher.DisposeAsync();
        }

        return new ThroughputResult(publishedInWindow, publishedInWindow / window, expected, points, Math.Max(0, expected - distinct), points - distinct,
            points / 3.0 / elapsed, points / elapsed, elapsed - window) { PeakBacklog = peakBacklog };
    }

    /// <summary>
    /// Publishes at a fixed total rate and watches, every 20 ms, the newest stored sample of each device; a sample's
    /// latency is the first look at which it is stored, minus when its publish was acknowledged.
    /// </summary>
    public static async Task<LatencyResult> LatencyAsync(BenchPlatform platform, BenchOptions options)
    {
        var publishers = await RawBaselines.ConnectPublishersAsync(platform, options);
        var window = TimeSpan.FromSeconds(Math.Min(options.Window.TotalSeconds, 30));
        // Later than any earlier run's samples, so "newest stored" can only be this run's.
        var from = DateTime.UtcNow;
        var sent = new ConcurrentDictionary<(string Thing, DateTime Ts), long>();
        var latencies = new ConcurrentQueue<(long At, double Milliseconds)>();
        var reads = new ConcurrentQueue<double>();
        using var stop = new CancellationTokenSource();
        var watcher = WatchAsync(platform, Probes(publishers), from, sent, latencies, stop.Token, reads);

        var perDevice = (double)options.LatencyRate / publishers.Count;
        await Task.WhenAll(publishers.Select(p => p.RunAsync(Topics.Telemetry(p.Thing), from, perDevice, window,
            (seq, ts, at) =>
            {
                if (seq % 10 == 0)
                {
                    sent[(p.Thing, ts)] = at;
                }
            }, CancellationToken.None)));
        var rate = publishers.Sum(p => p.Acknowledged) / window.TotalSeconds;
        var drain = Stopwatch.StartNew();
        while (!sent.IsEmpty && drain.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await watcher;
        foreach (var publisher in publishers)
        {
            await publisher.DisposeAsync();
        }

        var sorted = latencies.Select(l => l.Milliseconds).Order().ToList();
        var readTimes = reads.Order().ToList();
        var (readP50, readP99) = readTimes.Count == 0 ? (double.NaN, double.NaN) : (readTimes[readTimes.Count / 2], readTimes[(int)(readTimes.Count * 0.99)]);
        return sorted.Count == 0
            ? new LatencyResult(0, double.NaN, double.NaN, double.NaN, rate, readP50, readP99)
            : new LatencyResult(sorted.Count, sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.99)], sorted[^1], rate, readP50, readP99);
    }

    /// <summary>
    /// Polls each device's newest stored sample that holds the metric, backwards along the (thing, ts) key, so it
    /// costs the same at the end of the run as at its start. The order and limit are spelled out: written as
    /// <c>max(ts)</c>, the planner, whose statistics of today's partition end before the phase began, expects one row
    /// and scans forward over every sample of the phase, a read that grows to 100–190 ms per poll and counts as latency.
    /// (A probe through the one-point-per-row view would do the same.)
    /// </summary>
    /// <param name="latencies">When each latency was observed (a Stopwatch timestamp), and the latency.</param>
    /// <param name="reads">If given, how long each of the probe's reads took, in milliseconds.</param>
    internal static async Task WatchAsync(BenchPlatform platform, IReadOnlyList<(string Thing, string Metric)> probes, DateTime from,
        ConcurrentDictionary<(string Thing, DateTime Ts), long> sent, ConcurrentQueue<(long At, double Milliseconds)> latencies, CancellationToken ct,
        ConcurrentQueue<double>? reads = null)
    {
        var connectionString = await platform.DatabaseAsync();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ProbeUntilCancelledAsync(connectionString, probes, from, sent, latencies, reads, ct);
            }
            catch (NpgsqlException ex) when (ex.InnerException is TimeoutException)
            {
                // A stalled database is a figure of the run, not the end of it: say so, and probe again on a new
                // connection (a timed-out read breaks the one it ran on).
                Console.WriteLine($"  {(DateTime.UtcNow - from).TotalSeconds,5:0} s: the latency probe's read got no answer within its timeout: PostgreSQL stalled; probing again");
            }
        }
    }

    private static async Task ProbeUntilCancelledAsync(string connectionString, IReadOnlyList<(string Thing, string Metric)> probes, DateTime from,
        ConcurrentDictionary<(string Thing, DateTime Ts), long> sent, ConcurrentQueue<(long At, double Milliseconds)> latencies,
        ConcurrentQueue<double>? reads, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        await using var query = new NpgsqlCommand(
            $"""
            select device.thing,
                   (select s.ts from {Tables.Samples} s where s.thing = device.thing and s.ts >= @from and device.metric = any(s.metrics)
                    order by s.ts desc limit 1)
            from unnest(@things, @metrics) as device(thing, metric)
            """, db);
        query.Parameters.AddWithValue("from", from);
        query.Parameters.AddWithValue("things", probes.Select(p => p.Thing).ToArray());
        query.Parameters.AddWithValue("metrics", probes.Select(p => p.Metric).ToArray());
        while (!ct.IsCancellationRequested)
        {
            var newest = new Dictionary<string, DateTime>();
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await query.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    if (!reader.IsDBNull(1))
                    {
                        newest[reader.GetString(0)] = reader.GetDateTime(1);
                    }
                }
            }

            var now = Stopwatch.GetTimestamp();
            reads?.Enqueue(Stopwatch.GetElapsedTime(started, now).TotalMilliseconds);
            foreach (var key in sent.Keys)
            {
                // Compared as stored: a sample time's tenths of a microsecond are cut off in the table, and compared
                // uncut it would count as stored only once the device's next sample is, an interval later.
                if (newest.TryGetValue(key.Thing, out var max) && max >= TimeSeriesStore.AsStored(key.Ts) && sent.TryRemove(key, out var at))
                {
                    latencies.Enqueue((now, Stopwatch.GetElapsedTime(at, now).TotalMilliseconds));
                }
            }

            try
            {
                await Task.Delay(20, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal static List<(string Thing, string Metric)> Probes(IEnumerable<LoadPublisher> publishers) => publishers.Select(p => (p.Thing, p.FirstMetric)).ToList();

    /// <summary>Where the missing points are: per device, how many messages were acknowledged and how far storage got.</summary>
    private static async Task ReportMissingAsync(NpgsqlConnection db, DateTime from, List<LoadPublisher> publishers)
    {
        await using var command = new NpgsqlCommand(
            $"select thing, count(*) / 3, max(ts) from {Tables.Points} where ts >= @from group by thing", db);
        command.Parameters.AddWithValue("from", from);
        var stored = new Dictionary<string, (long Messages, DateTime Newest)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDateTime(2));
            }
        }

        foreach (var publisher in publishers.Where(p => stored.GetValueOrDefault(p.Thing).Messages < p.Acknowledged))
        {
            var (messages, newest) = stored.GetValueOrDefault(publisher.Thing);
            Console.WriteLine($"  missing on {publisher.Thing}: {publisher.Acknowledged - messages} of {publisher.Acknowledged} messages; newest stored sample is message {(newest - publisher.FirstTimestamp).Ticks / 10}");
        }
    }

    /// <summary>
    /// Samples inserted into the raw partitions since the server started, from PostgreSQL's statistics (flushed about
    /// every second): for progress lines, which a count(*) over millions of rows would make late and would load the
    /// server being measured. Differences between two readings are what was stored in between.
    /// </summary>
    internal static async Task<long> InsertedSoFarAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(sum(t.n_tup_ins), 0)::bigint from pg_stat_user_tables t join pg_inherits i on i.inhrelid = t.relid where i.inhparent = '{Tables.Samples}'::regclass",
            db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Raw rows since <paramref name="from"/> and the distinct (thing, metric, ts) among them, in one statement so both
    /// come from the same snapshot: their difference is what was stored twice.
    /// </summary>
    internal static async Task<(long Stored, long Distinct)> StoredAndDistinctAsync(NpgsqlConnection db, DateTime from)
    {
        await using var command = new NpgsqlCommand(
            $"select (select count(*) from {Tables.Points} where ts >= @from), (select count(*) from (select distinct thing, metric, ts from {Tables.Points} where ts >= @from) d)",
            db) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("from", from);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> samples of [<paramref name="from"/>, <paramref name="until"/>) are stored,
    /// or <paramref name="patience"/> has passed; returns how many are. Counted in the samples table, one row per
    /// message, not through the per-point view, whose unnest would run over every sample at each look while the
    /// pipeline is still draining.
    /// </summary>
    internal static async Task<long> AwaitSamplesAsync(BenchPlatform platform, DateTime from, DateTime until, long expected, TimeSpan patience)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseAsync());
        await db.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {Tables.Samples} where ts >= @from and ts < @until", db) { CommandTimeout = 0 };
        count.Parameters.AddWithValue("from", from);
        count.Parameters.AddWithValue("until", until);
        var clock = Stopwatch.StartNew();
        long stored;
        while ((stored = (long)(await count.ExecuteScalarAsync())!) < expected && clock.Elapsed < patience)
        {
            await Task.Delay(250);
        }

        return stored;
    }

    internal static Task<long> CountAsync(NpgsqlConnection db, DateTime from) =>
        ScalarAsync(db, $"select count(*) from {Tables.Points} where ts >= @from", from);

    internal static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, DateTime from)
    {
        // No time limit: an hour's soak stores some 50 million points, and counting them takes longer than Npgsql's
        // default of 30 s on 2 cores (the first hour-long soak lost its verdict to that timeout).
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("from", from);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
