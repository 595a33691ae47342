namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>
/// The processes whose command line names a state folder. An AppHost that failed to start has exited, but the
/// resources it launched (s3rver making its buckets, dynalite, mosquitto) are stopped after it and may still write
/// into the folder; deleting it under them fails with "directory not empty".
/// </summary>
public static class StateFolderUsers
{
    /// <summary>Waits for every process that names <paramref name="folder"/> to exit, for at most <paramref name="limit"/>.</summary>
    public static void WaitUntilGone(string folder, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        foreach (var pid in Users(folder))
        {
            using var process = TryOpen(pid);
            var left = deadline - DateTime.UtcNow;
            if (process is not null && left > TimeSpan.Zero)
            {
                process.WaitForExit(left);
            }
        }
    }

    private static System.Diagnostics.Process? TryOpen(int pid)
    {
        try
        {
            return System.Diagnostics.Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            // It exited between the scan and now: nothing to wait for.
            return null;
        }
    }

    private static List<int> Users(string folder)
    {
        var users = new List<int>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            var cmdline = Path.Combine(process, "cmdline");
            if (!int.TryParse(Path.GetFileName(process), out var pid) || !File.Exists(cmdline))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(cmdline).Contains(folder, StringComparison.Ordinal))
                {
                    users.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while being read: it no longer uses the folder.
            }
        }

        return users;
    }
}
