using System.Globalization;

namespace Valmetal.Bench;

/// <summary>
/// Where the CPU goes during a run: user+system time per part of the platform, from /proc, as a share of all cores.
/// A process-level profile, cheap enough to take during the measurement itself. Sampled every second, so a process
/// that ends mid-run (a PostgreSQL backend the pool retires) keeps the time it used until its last sample.
/// </summary>
public sealed class CpuShares : IDisposable
{
    private const long TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<int, (string Part, long Ticks)> _lastSeen;
    private readonly Dictionary<string, long> _used = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private readonly Timer _sampler;

    private CpuShares()
    {
        _lastSeen = Snapshot();
        _sampler = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public static CpuShares Start() => new();

    /// <summary>Each part's share of the machine's cores since <see cref="Start"/>, largest first, e.g. "postgres 41%".</summary>
    public string Summary()
    {
        Sample();
        var capacity = (DateTime.UtcNow - _startedAt).TotalSeconds * TicksPerSecond * Environment.ProcessorCount;
        lock (_gate)
        {
            var idle = capacity - _used.Values.Sum();
            return string.Join(", ", _used.OrderByDescending(u => u.Value).Where(u => u.Value > 0)
                    .Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Key} {100 * u.Value / capacity:0}%")))
                + string.Create(CultureInfo.InvariantCulture, $", idle {Math.Max(0, 100 * idle / capacity):0}% (of {Environment.ProcessorCount} cores)");
        }
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        var now = Snapshot();
        lock (_gate)
        {
            foreach (var (pid, (part, ticks)) in now)
            {
                var before = _lastSeen.TryGetValue(pid, out var earlier) ? earlier.Ticks : 0;
                _used[part] = _used.GetValueOrDefault(part) + Math.Max(0, ticks - before);
                _lastSeen[pid] = (part, ticks);
            }
        }
    }

    private static Dictionary<int, (string, long)> Snapshot()
    {
        var result = new Dictionary<int, (string, long)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the parenthesised name: state is field 3, utime 14 and stime 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[pid] = (PartOf(pid, File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ')), ticks);
            }
            catch (IOException)
            {
                // The process ended between listing and reading: its time up to the last sample is already counted.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process: not part of this platform.
            }
        }

        return result;
    }

    private static string PartOf(int pid, string commandLine) => commandLine switch
    {
        _ when pid == Environment.ProcessId => "load generator (bench)",
        _ when commandLine.Contains("Valmetal.Telemetry", StringComparison.Ordinal) => "telemetry replicas",
        _ when commandLine.Contains("Valmetal.Api", StringComparison.Ordinal) => "api",
        _ when commandLine.Contains("Valmetal.Gateway", StringComparison.Ordinal) => "gateway",
        _ when commandLine.Contains("Valmetal.Web", StringComparison.Ordinal) => "web",
        _ when commandLine.Contains("dynalite", StringComparison.Ordinal) => "dynamodb emulator",
        _ when commandLine.Contains("s3rver", StringComparison.Ordinal) || commandLine.Contains("cognito-local", StringComparison.Ordinal) || commandLine.Contains("maildev", StringComparison.Ordinal)
            || commandLine.Contains("Valmetal.IotCoreFake", StringComparison.Ordinal) => "other emulators",
        _ when commandLine.Contains("Valmetal.Notifier", StringComparison.Ordinal) => "notifier",
        _ when Path.GetFileName(commandLine.Split(' ')[0]) == "mosquitto" => "mosquitto",
        _ when commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/postgres ", StringComparison.Ordinal) => "postgres",
        _ => "other",
    };
}
