using System.Globalization;

namespace Valmetal.Bench.Fleet;

/// <summary>Mosquitto's resident memory, read from /proc every second: what its queue of undelivered messages costs.</summary>
public sealed class BrokerMemory
{
    public double PeakMegabytes { get; private set; }

    /// <summary>The summed RSS of the mosquitto processes now (one, unless a restart overlaps), in MB.</summary>
    public double Sample()
    {
        double total = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() != "mosquitto")
                {
                    continue;
                }

                var line = File.ReadLines(Path.Combine(directory, "status")).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                total += line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not ours to read, or ended between listing and reading.
            }
        }

        PeakMegabytes = Math.Max(PeakMegabytes, total);
        return total;
    }

    public async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
