using System.Globalization;
using System.Net;
using Valmetal.DeviceContract;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.Bench.Api;

/// <summary>
/// <c>--api</c>: farmers' and dashboards' read paths at fixed arrival rates while the pipeline ingests (5,000
/// messages/s over the 25 demo devices unless --rate says otherwise). Fleet and unit state at --api-rate each, the
/// equipment list, 24-hour and 30-day history and the alarm summary at a tenth of it each; requests are spread
/// round robin over the farmers, each reading only their own farm.
/// </summary>
public static class ApiBenchRun
{
    /// <summary>The ingest runs past the measured window by this much, and is then stopped.</summary>
    private static readonly TimeSpan IngestSlack = TimeSpan.FromSeconds(5);

    public static async Task<bool> RunAsync(BenchPlatform platform, BenchOptions options)
    {
        var invariant = CultureInfo.InvariantCulture;
        var farmers = await BenchFarmers.RegisterAsync(platform, options.ApiFarmers, unitsPerFarm: 50);
        Console.WriteLine($"Registered {farmers.Count} farmers with 50 units each; 30 days of history seeded for one unit per farm.");

        var ingestRate = options.Rate > 0 ? options.Rate : 5000;
        var publishers = await RawBaselines.ConnectPublishersAsync(platform, options);
        using var stop = new CancellationTokenSource();
        var ingestClock = System.Diagnostics.Stopwatch.StartNew();
        var ingesting = Task.WhenAll(publishers.Select(p => p.RunAsync(Topics.Telemetry(p.Thing), DateTime.UtcNow.AddMinutes(-2),
            (double)ingestRate / publishers.Count, options.WarmUp + options.Window + IngestSlack, null, stop.Token)));

        using var http = new HttpClient(Handler(platform)) { BaseAddress = platform.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        // Warm-up at a tenth of the rate, beside the ingest at its full rate: connections open, each replica's cache
        // filled, and the services' hot paths compiled (WarmUp says how long that takes under load); not measured.
        if (options.WarmUp > TimeSpan.Zero)
        {
            await OpenLoop.RunAsync(http, Endpoints(farmers, options.ApiRate / 10.0), options.WarmUp);
        }
        Console.WriteLine(string.Create(invariant, $"Measuring {options.Window.TotalSeconds:0} s while ingesting {ingestRate} messages/s:"));
        List<EndpointResult> results;
        string cpuWhileMeasuring;
        using (var cpu = CpuShares.Start())
        {
            results = await OpenLoop.RunAsync(http, Endpoints(farmers, options.ApiRate), options.Window);
            cpuWhileMeasuring = cpu.Summary();
        }

        await stop.CancelAsync();
        await ingesting.ContinueWith(_ => { }, TaskScheduler.Default);
        var ingested = publishers.Sum(p => p.Acknowledged);
        var ingestSeconds = ingestClock.Elapsed.TotalSeconds;
        foreach (var publisher in publishers)
        {
            await publisher.DisposeAsync();
        }

        Console.WriteLine(string.Create(invariant, $"  ingest: {ingested} messages acknowledged by the broker in {ingestSeconds:0} s ({ingested / ingestSeconds:0}/s of {ingestRate} offered)"));
        Console.WriteLine($"  CPU while measuring: {cpuWhileMeasuring}");
        Console.WriteLine("  endpoint          offered/s  achieved/s   p50 ms   p99 ms   max ms   errors");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(invariant, $"  {r.Name,-16} {r.Offered,10:0.0} {r.Achieved,11:0.0} {r.P50,8:0.0} {r.P99,8:0.0} {r.Max,8:0.0} {r.Errors,8}"));
            if (r.FirstError is { } error)
            {
                Console.WriteLine($"    first error: {error}");
            }
        }

        return results.All(r => r.Errors == 0);
    }

    private static List<ApiEndpoint> Endpoints(List<BenchFarmer> farmers, double rate)
    {
        var metric = BenchFarmers.HistoryMetric();
        BenchFarmer Farmer(long i) => farmers[(int)(i % farmers.Count)];
        HttpRequestMessage Get(long i, string path)
        {
            // HTTP/2, as browsers and SDKs speak to an ALB: many requests share one TLS connection, where HTTP/1.1
            // would open a connection, and pay a handshake, for every request waiting on a slow answer.
            var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            request.Headers.Authorization = new("Bearer", Farmer(i).Token);
            return request;
        }

        string History(long i, TimeSpan span) => string.Create(CultureInfo.InvariantCulture,
            $"api/equipment/{Farmer(i).HistoryUnit}/metrics/{metric}/history?from={DateTime.UtcNow - span:yyyy-MM-ddTHH:mm:ssZ}");

        return
        [
            new("fleet state", rate, i => Get(i, "api/fleet/state")),
            new("unit state", rate, i => Get(i, $"api/equipment/{Farmer(i).Units[(int)(i / farmers.Count % 50)]}/state")),
            new("equipment list", rate / 10, i => Get(i, "api/equipment?page=1&pageSize=50")),
            new("history 24 h", rate / 10, i => Get(i, History(i, TimeSpan.FromHours(24)))),
            new("history 30 d", rate / 10, i => Get(i, History(i, TimeSpan.FromDays(30)))),
            new("alarm summary", rate / 10, i => Get(i, "api/alarms/summary")),
        ];
    }

    /// <summary>Trusts the local CA as the gateway's callers do; more HTTP/2 connections when one's streams are all taken.</summary>
    private static SocketsHttpHandler Handler(BenchPlatform platform)
    {
        var handler = LocalTrust.Handler(Path.Combine(platform.StateDirectory, "pki", "ca.crt"));
        handler.EnableMultipleHttp2Connections = true;
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(10);
        return handler;
    }
}
