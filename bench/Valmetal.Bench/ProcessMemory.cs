using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Valmetal.Bench;

/// <summary>
/// One platform process's memory at one moment: proportional set size, and for .NET services the GC heap and the
/// memory the GC has committed (which PSS includes: a rarely collecting process grows its PSS, not its heap).
/// </summary>
public sealed record MemorySample(int Pid, string Part, double PssMegabytes, double? GcHeapMegabytes, double? GcCommittedMegabytes = null);

/// <summary>
/// Reads the platform's processes' memory from outside them: PSS from /proc (shared pages split between the processes
/// that map them, so PostgreSQL's shared buffers are not counted once per backend), and the GC heap of each .NET
/// service from its System.Runtime counters over the diagnostics port, as dotnet-counters reads it.
/// </summary>
public static class ProcessMemory
{
    private static readonly TimeSpan CounterWait = TimeSpan.FromSeconds(5);

    public static async Task<List<MemorySample>> SampleAsync()
    {
        var samples = new List<MemorySample>();
        foreach (var (pid, part) in PlatformProcesses())
        {
            if (Pss(pid) is { } pss)
            {
                var gc = part.StartsWith("Valmetal.", StringComparison.Ordinal) ? await GcCountersAsync(pid) : null;
                samples.Add(new MemorySample(pid, part, pss, gc?.Heap, gc?.Committed));
            }
        }

        return samples;
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

    private static double? Pss(int pid)
    {
        var rollup = Read($"/proc/{pid}/smaps_rollup");
        var line = rollup?.Split('\n').FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The first gc-heap-size and gc-committed (MB) the runtime reports once asked for its counters every second.</summary>
    private static async Task<(double Heap, double Committed)?> GcCountersAsync(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0xFFFFFFFF,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        using var session = await new DiagnosticsClient(pid).StartEventPipeSessionAsync([provider], requestRundown: false, token: CancellationToken.None);
        using var source = new EventPipeEventSource(session.EventStream);
        var values = new Dictionary<string, double>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Dynamic.All += e =>
        {
            if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer
                && outer["Payload"] is IDictionary<string, object> payload && (string)payload["Name"] is "gc-heap-size" or "gc-committed")
            {
                values.TryAdd((string)payload["Name"], Convert.ToDouble(payload["Mean"], CultureInfo.InvariantCulture));
                if (values.Count == 2)
                {
                    both.TrySetResult();
                }
            }
        };
        var reading = Task.Run(source.Process);
        var finished = await Task.WhenAny(both.Task, Task.Delay(CounterWait));
        await session.StopAsync(CancellationToken.None);
        await reading;
        return finished == both.Task ? (values["gc-heap-size"], values["gc-committed"]) : null;
    }

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
