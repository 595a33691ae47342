using System.Globalization;
using Valmetal.Bench;
using Valmetal.Bench.Fleet;

// Runs on this machine, in one invocation: a warm-up, the raw baselines, then the full pipeline; prints what it measured.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BenchOptions.Usage);
    Console.WriteLine(FleetOptions.Usage);
    return 0;
}

if (FleetOptions.IsFleetMode(args))
{
    return await FleetCommand.RunAsync(args);
}

var (parsed, error) = BenchOptions.Parse(args);
if (parsed is not { } options)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
var invariant = CultureInfo.InvariantCulture;
if (options.Soak is { } soak)
{
    Console.WriteLine($"Valmetal soak: {Environment.ProcessorCount} cores, {soak.TotalMinutes:0} min at {(options.Rate > 0 ? options.Rate : 5000)} messages/s, 25 devices, QoS 1, 3 metrics per message");
    await using var soakPlatform = await BenchPlatform.StartAsync();
    return await SoakRun.RunAsync(soakPlatform, options, soak) ? 0 : 1;
}

if (options.StorageLayoutMessages is { } messages)
{
    await using var layoutPlatform = await BenchPlatform.StartAsync();
    await Valmetal.Bench.Storage.StorageLayoutRun.RunAsync(layoutPlatform, messages);
    return 0;
}

if (options.Api)
{
    Console.WriteLine($"Valmetal API benchmark: {Environment.ProcessorCount} cores, warm-up {options.WarmUp.TotalSeconds:0} s, window {options.Window.TotalSeconds:0} s, fleet and unit state at {options.ApiRate} requests/s each, {options.ApiFarmers} farmers");
    await using var apiPlatform = await BenchPlatform.StartAsync();
    return await Valmetal.Bench.Api.ApiBenchRun.RunAsync(apiPlatform, options) ? 0 : 1;
}

var load = options.Rate > 0 ? $"{options.Rate} messages/s" : "as fast as the broker acknowledges";
Console.WriteLine($"Valmetal telemetry benchmark: {Environment.ProcessorCount} cores, warm-up {options.WarmUp.TotalSeconds:0} s, window {options.Window.TotalSeconds:0} s at {load}, " +
    $"{options.InflightPerDevice} publishes in flight per device, 25 devices, QoS 1, 3 metrics per message");

await using var platform = await BenchPlatform.StartAsync();
Console.WriteLine("Platform started (broker, PostgreSQL, 2 telemetry replicas, API).");

await WarmUp.RunAsync(platform, options);

double? broker = null;
if (!options.SkipBaselines)
{
    broker = await RawBaselines.BrokerToBareSubscriberAsync(platform, options);
    Console.WriteLine(string.Create(invariant, $"raw broker → bare subscriber      {broker,10:0} messages/s"));

    var copy = await RawBaselines.PostgresBinaryCopyAsync(platform, options);
    Console.WriteLine(string.Create(invariant, $"raw PostgreSQL binary COPY        {copy,10:0} rows/s"));
}

var pipeline = await PipelineRuns.ThroughputAsync(platform, options);
Console.WriteLine(string.Create(invariant, $"pipeline (published → stored)     {pipeline.MessagesPerSecond,10:0} messages/s  {pipeline.PointsPerSecond,10:0} points/s"));
Console.WriteLine(string.Create(invariant, $"  published {pipeline.Published} messages ({pipeline.PublishedPerSecond:0}/s over the window); points expected {pipeline.PointsExpected}, stored {pipeline.PointsStored}, lost {pipeline.Lost}, duplicated {pipeline.Duplicated}; drained {pipeline.DrainSeconds:0.0} s after publishing stopped"));
if (broker is { } baseline)
{
    Console.WriteLine(string.Create(invariant, $"  ratio to the raw broker          {pipeline.MessagesPerSecond / baseline,10:0.00}"));
}

var latency = await PipelineRuns.LatencyAsync(platform, options);
Console.WriteLine(string.Create(invariant, $"publish → queryable at {latency.RateAchieved:0} msg/s: p50 {latency.P50Milliseconds:0} ms, p99 {latency.P99Milliseconds:0} ms, max {latency.MaxMilliseconds:0} ms ({latency.Samples} samples); the probe's read p50 {latency.ProbeReadP50Milliseconds:0.0} ms, p99 {latency.ProbeReadP99Milliseconds:0.0} ms"));
return 0;
