using System.Globalization;

namespace Valmetal.Bench;

/// <summary>
/// Where the CPU goes during a run: user+system time per part of the platform, from /proc, as a share of all cores.
/// A process-level profile, cheap enough to take during the measurement itself.
/// </summary>
public sealed class CpuShares
{
    private static readonly long TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<int, (string Part, long Ticks)> _start;
    private readonly DateTime _startedAt = DateTime.UtcNow;

    private CpuShares(Dictionary<int, (string, long)> start) => _start = start;

    public static CpuShares Start() => new(Snapshot());

    /// <summary>Each part's share of the machine's cores since <see cref="Start"/>, largest first, e.g. "postgres 41%".</summary>
    public string Summary()
    {
        var seconds = (DateTime.UtcNow - _startedAt).TotalSeconds;
        var capacity = seconds * TicksPerSecond * Environment.ProcessorCount;
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (pid, (part, ticks)) in Snapshot())
        {
            var before = _start.TryGetValue(pid, out var earlier) ? earlier.Ticks : 0;
            used[part] = used.GetValueOrDefault(part) + Math.Max(0, ticks - before);
        }

        var idle = capacity - used.Values.Sum();
        return string.Join(", ", used.OrderByDescending(u => u.Value).Where(u => u.Value > 0)
                .Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Key} {100 * u.Value / capacity:0}%")))
            + string.Create(CultureInfo.InvariantCulture, $", idle {Math.Max(0, 100 * idle / capacity):0}% (of {Environment.ProcessorCount} cores)");
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
                // The process ended between listing and reading: its time is no longer counted anywhere.
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
        _ when Path.GetFileName(commandLine.Split(' ')[0]) == "mosquitto" => "mosquitto",
        _ when commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/postgres ", StringComparison.Ordinal) => "postgres",
        _ => "other",
    };
}
