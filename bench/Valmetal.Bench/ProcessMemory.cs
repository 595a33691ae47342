using System.Globalization;

namespace Valmetal.Bench;

/// <summary>
/// One platform process's memory at one moment: resident and proportional set size, the anonymous part of the resident
/// memory (heaps, malloc arenas, thread stacks, JIT code: what the process allocated, not the files it maps), its
/// thread count, and for .NET services the GC heap and the memory the GC has committed (which RSS includes: a rarely
/// collecting process grows its RSS, not its heap).
/// </summary>
public sealed record MemorySample(
    int Pid, string Part, double RssMegabytes, double PssMegabytes, double? GcHeapMegabytes, double? GcCommittedMegabytes = null,
    double? AnonymousMegabytes = null, int? Threads = null);

/// <summary>
/// Reads the platform's processes' memory from outside them: RSS and PSS from /proc (PSS splits shared pages between
/// the processes that map them, so PostgreSQL's shared buffers are not counted once per backend, but a process's PSS
/// also moves when other processes map the same libraries, such as a build starting or ending), and the GC heap and committed
/// memory of each .NET service from its System.Runtime counters, as dotnet-counters reads them. One diagnostics
/// session per service for the whole run: the first soaks opened one a minute, and the idle web app's PSS grew in its
/// malloc arenas with a flat GC heap, which a measurement must not cause.
/// </summary>
/// <param name="gcCounters">
/// Whether to open a counter session per .NET service (up to 15 s each for its first values); a single reading
/// needs only /proc.
/// </param>
public sealed class ProcessMemory(bool gcCounters = true) : IDisposable
{
    private readonly Dictionary<int, GcCounters> _counters = [];

    public async Task<List<MemorySample>> SampleAsync()
    {
        var samples = new List<MemorySample>();
        foreach (var (pid, part) in PlatformProcesses())
        {
            if (Rollup(pid) is ({ } rss, { } pss, var anonymous))
            {
                GcCounters? gc = null;
                if (gcCounters && part.StartsWith("Valmetal.", StringComparison.Ordinal) && !_counters.TryGetValue(pid, out gc))
                {
                    gc = await GcCounters.StartAsync(pid);
                    _counters[pid] = gc;
                }

                samples.Add(new MemorySample(pid, part, rss, pss, gc?.HeapMegabytes, gc?.CommittedMegabytes, anonymous, Threads(pid)));
            }
        }

        return samples;
    }

    public void Dispose()
    {
        foreach (var counters in _counters.Values)
        {
            counters.Dispose();
        }
    }

    private static IEnumerable<(int Pid, string Part)> PlatformProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var commandLine = Read(Path.Combine(directory, "cmdline"))?.Split('\0', StringSplitOptions.RemoveEmptyEntries);
            if (commandLine is not { Length: > 0 })
            {
                continue;
            }

            var program = Path.GetFileName(commandLine[0]);
            if (program.StartsWith("Valmetal.", StringComparison.Ordinal))
            {
                yield return (pid, program);
            }
            else if (program is "mosquitto" || commandLine[0].StartsWith("postgres", StringComparison.Ordinal) || program == "postgres")
            {
                yield return (pid, program.StartsWith("postgres", StringComparison.Ordinal) ? "postgres" : program);
            }
        }
    }

    private static (double? Rss, double? Pss, double? Anonymous) Rollup(int pid)
    {
        var lines = Read($"/proc/{pid}/smaps_rollup")?.Split('\n') ?? [];
        double? Megabytes(string field) => Field(lines, field) / 1024;
        return (Megabytes("Rss:"), Megabytes("Pss:"), Megabytes("Anonymous:"));
    }

    private static int? Threads(int pid) => (int?)Field(Read($"/proc/{pid}/status")?.Split('\n') ?? [], "Threads:");

    /// <summary>The number after a <c>Name:</c> label of /proc's line-per-field files (kB for sizes).</summary>
    private static double? Field(string[] lines, string label) => lines.FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal)) is { } line
        ? double.Parse(line[label.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
        : null;

    /// <summary>A process may end between listing and reading, and another user's cannot be read: both are skipped.</summary>
    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
