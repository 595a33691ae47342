using System.Globalization;

namespace Valmetal.Bench;

/// <summary>Command line: --window SECONDS (default 30), --latency-rate MSG/S (default 5000), --inflight N per device (default 100), --drain SECONDS to wait for the pipeline to catch up (default 120).</summary>
public sealed record BenchOptions(TimeSpan Window, int LatencyRate, int InflightPerDevice, TimeSpan Drain)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
        return new BenchOptions(TimeSpan.FromSeconds(Int("--window", 30)), Int("--latency-rate", 5000), Int("--inflight", 100),
            TimeSpan.FromSeconds(Int("--drain", 120)));
    }
}
