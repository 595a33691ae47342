using System.Globalization;

namespace Valmetal.Bench.Fleet;

/// <summary>The fleet modes' figures that read the machine: memory per process and the broker's file descriptors.</summary>
public static class FleetReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Each platform process's RSS and PSS (PostgreSQL summed as one server), and the load generator's own.</summary>
    public static async Task PrintMemoryAsync(string moment, int devices)
    {
        using var memory = new ProcessMemory(gcCounters: false);
        var samples = SoakRun.PostgresAsOne(await memory.SampleAsync());
        Console.WriteLine($"  memory {moment} (RSS / PSS, MB):");
        foreach (var sample in samples.OrderBy(s => s.Part, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(Invariant, $"    {sample.Part,-28} {sample.RssMegabytes,7:0} / {sample.PssMegabytes,7:0}"));
        }

        Console.WriteLine(string.Create(Invariant,
            $"    {"load generator (this bench)",-28} {OwnMegabytes(),7:0} RSS for {devices} device connections, GC heap {GC.GetTotalMemory(false) / 1024.0 / 1024:0} MB"));
    }

    public static double OwnMegabytes()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.WorkingSet64 / 1024.0 / 1024;
    }

    /// <summary>Open descriptors and the soft limit of each Mosquitto process, and of this process.</summary>
    public static void PrintFileDescriptors()
    {
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => p is not null && p.All(char.IsAsciiDigit)))
        {
            if (Read($"/proc/{pid}/comm")?.Trim() == "mosquitto")
            {
                Console.WriteLine($"  file descriptors: mosquitto[{pid}] {Describe(pid!)}");
            }
        }

        Console.WriteLine($"  file descriptors: this bench {Describe(Environment.ProcessId.ToString(Invariant))}");
    }

    private static string Describe(string pid)
    {
        var open = Directory.Exists($"/proc/{pid}/fd") ? Directory.GetFiles($"/proc/{pid}/fd").Length : -1;
        var limit = Read($"/proc/{pid}/limits")?.Split('\n').FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = limit?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] ?? "?";
        return $"{open} open, limit {soft}";
    }

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
