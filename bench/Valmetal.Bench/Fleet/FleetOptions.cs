using System.Globalization;

namespace Valmetal.Bench.Fleet;

/// <summary>
/// The fleet modes' command line: many device connections (<c>--devices</c>), optionally with a broker restart, or the
/// 2× overload of the 25-connection run (<c>--overload</c>). Anything else is refused with the usage, never ignored.
/// </summary>
public sealed record FleetOptions(
    int Devices, int Rate, TimeSpan Window, TimeSpan Drain, TimeSpan? RestartBrokerAt, bool ConnectOnly, bool Overload, int ConnectConcurrency,
    TimeSpan WarmUp, TimeSpan? HoldOnLoss = null)
{
    /// <summary>What the 25-connection run sustains on this machine (docs/benchmarks.md): the overload offers twice this.</summary>
    public const int SustainedRate = 20_000;

    public const string Usage = """
        Fleet modes:
          --devices N             N device connections, each registered through the API with its own certificate
            --rate MSG/S          total load, spread evenly over the devices (default: 1 per device per second)
            --window SECONDS      how long the devices publish (default 30)
            --warm-up SECONDS     the same fleet publishes this long first, unmeasured, so the services are compiled
                                  and their caches filled (default 60; 0 measures them cold)
            --restart-broker-at S restart the broker S seconds into the window; prints the reconnect curve
            --connect-only        register and connect the N devices, print connect time and memory, then stop
            --connect-concurrency N   handshakes in flight at once while connecting (default 64)
            --drain SECONDS       how long devices may take to send what they buffered once the window ends, then how
                                  long the pipeline may store nothing before a missing acknowledged point counts as
                                  lost (default 120 each)
            --hold-on-loss SECONDS  if an acknowledged point is lost, keep the platform running this long to inspect it
          --overload              25 connections offering twice --rate (default 2 × 20000) for --window; lost must be 0
        """;

    private static readonly string[] ValueOptions = ["--devices", "--rate", "--window", "--drain", "--restart-broker-at", "--connect-concurrency", "--hold-on-loss", "--warm-up"];

    /// <summary>Whether the command line asks for a fleet mode (the other modes belong to BenchOptions).</summary>
    public static bool IsFleetMode(string[] args) => args.Contains("--devices") || args.Contains("--overload");

    public static (FleetOptions? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, int>();
        bool connectOnly = false, overload = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connect-only":
                    connectOnly = true;
                    break;
                case "--overload":
                    overload = true;
                    break;
                case var name when ValueOptions.Contains(name):
                    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                        || value > 1_000_000 || (value < 1 && name != "--warm-up"))
                    {
                        return (null, name == "--warm-up" ? "--warm-up takes a whole number from 0 to 1000000." : $"{name} takes a whole number from 1 to 1000000.");
                    }

                    values[name] = value;
                    i++;
                    break;
                default:
                    return (null, $"Unknown argument '{args[i]}' for a fleet mode.");
            }
        }

        if (overload && (values.ContainsKey("--devices") || values.ContainsKey("--restart-broker-at") || values.ContainsKey("--warm-up") || connectOnly))
        {
            return (null, "--overload runs the 25-connection load; it takes only --rate, --window and --drain.");
        }

        var devices = overload ? 25 : values["--devices"];
        var rate = values.GetValueOrDefault("--rate", overload ? SustainedRate : devices);
        var window = TimeSpan.FromSeconds(values.GetValueOrDefault("--window", 30));
        TimeSpan? restartAt = values.TryGetValue("--restart-broker-at", out var at) ? TimeSpan.FromSeconds(at) : null;
        if (restartAt >= window)
        {
            return (null, "--restart-broker-at must come before the end of --window.");
        }

        return (new FleetOptions(devices, rate, window, TimeSpan.FromSeconds(values.GetValueOrDefault("--drain", 120)), restartAt, connectOnly,
            overload, values.GetValueOrDefault("--connect-concurrency", 64), TimeSpan.FromSeconds(values.GetValueOrDefault("--warm-up", 60)),
            values.TryGetValue("--hold-on-loss", out var hold) ? TimeSpan.FromSeconds(hold) : null), null);
    }
}
