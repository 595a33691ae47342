using System.Globalization;

namespace Valmetal.Bench;

/// <summary>
/// Command line: --window SECONDS (default 30); --rate MSG/S for the throughput run, spread over the 25 devices
/// (default 0: as fast as the broker acknowledges); --latency-rate MSG/S (default 5000); --inflight N per device
/// (default 100); --drain SECONDS to wait for the pipeline to catch up (default 120); --skip-baselines.
/// </summary>
public sealed record BenchOptions(TimeSpan Window, int Rate, int LatencyRate, int InflightPerDevice, TimeSpan Drain, bool SkipBaselines)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
        return new BenchOptions(TimeSpan.FromSeconds(Int("--window", 30)), Int("--rate", 0), Int("--latency-rate", 5000), Int("--inflight", 100),
            TimeSpan.FromSeconds(Int("--drain", 120)), args.Contains("--skip-baselines"));
    }
}
