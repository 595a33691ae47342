using System.Globalization;

namespace Valmetal.Bench;

/// <summary>The bench's command line; anything it does not know is refused with the usage, never ignored.</summary>
public sealed record BenchOptions(TimeSpan Window, int Rate, int LatencyRate, int InflightPerDevice, TimeSpan Drain, bool SkipBaselines, TimeSpan? Soak = null, int? StorageLayoutMessages = null,
    bool Api = false, int ApiRate = 500, int ApiFarmers = 40)
{
    /// <summary>How long the platform is loaded at the run's rate before the baselines and the measured window.</summary>
    public TimeSpan WarmUp { get; init; }

    public const string Usage = """
        Usage: ./build.sh bench [options]
          --window SECONDS        length of the throughput run (default 30)
          --rate MSG/S            throughput-run load spread over the 25 devices (default: as fast as the broker acknowledges)
          --latency-rate MSG/S    load of the latency run (default 5000)
          --inflight N            publishes in flight per device (default 100)
          --drain SECONDS         how long the pipeline may take to catch up (default 120)
          --skip-baselines        measure only the pipeline
          --warm-up SECONDS       load the platform at --rate first, unmeasured, so its services are compiled (default 60; 0 measures them cold)
          --soak SECONDS          instead: a long run at --rate (default 5000) watching memory growth and ingest lag
          --storage-layouts       instead: the two storage layouts side by side (--messages per layout and round, default 300000)
          --api                   instead: the API's read paths at fixed rates for --window while ingesting --rate (default 5000)
          --api-rate REQ/S        fleet state and unit state each at this rate, the other read paths at a tenth (default 500)
          --api-farmers N         farmers calling, each with a farm of 50 units (default 40)
        """;

    private static readonly string[] ValueOptions = ["--window", "--rate", "--latency-rate", "--inflight", "--drain", "--soak", "--messages", "--api-rate", "--api-farmers", "--warm-up"];

    /// <summary>The options, or the reason the command line is refused.</summary>
    public static (BenchOptions? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, int>();
        var skipBaselines = false;
        var storageLayouts = false;
        var api = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--skip-baselines")
            {
                skipBaselines = true;
            }
            else if (args[i] == "--storage-layouts")
            {
                storageLayouts = true;
            }
            else if (args[i] == "--api")
            {
                api = true;
            }
            else if (ValueOptions.Contains(args[i]))
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    || value > 1_000_000 || (value < 1 && args[i] != "--warm-up"))
                {
                    return (null, args[i] == "--warm-up" ? "--warm-up takes a whole number from 0 to 1000000." : $"{args[i]} takes a whole number from 1 to 1000000.");
                }
                values[args[i]] = value;
                i++;
            }
            else
            {
                return (null, $"Unknown argument '{args[i]}'.");
            }
        }

        int Int(string name, int fallback) => values.GetValueOrDefault(name, fallback);
        return (new BenchOptions(TimeSpan.FromSeconds(Int("--window", 30)), Int("--rate", 0), Int("--latency-rate", 5000),
            Int("--inflight", 100), TimeSpan.FromSeconds(Int("--drain", 120)), skipBaselines,
            values.TryGetValue("--soak", out var soak) ? TimeSpan.FromSeconds(soak) : null,
            storageLayouts ? Int("--messages", 300_000) : null, api, Int("--api-rate", 500), Int("--api-farmers", 40))
        {
            WarmUp = TimeSpan.FromSeconds(Int("--warm-up", 60)),
        }, null);
    }
}
