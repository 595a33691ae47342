namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>
/// The processes whose command line names a state folder. An AppHost that failed to start has exited, but the
/// resources it launched (s3rver making its buckets, dynalite, mosquitto) are stopped after it and may still write
/// into the folder; deleting it under them fails with "directory not empty".
/// </summary>
public static class StateFolderUsers
{
    /// <summary>Waits until no process names <paramref name="folder"/>, for at most <paramref name="limit"/>.</summary>
    public static void WaitUntilGone(string folder, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Any(folder) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }
    }

    private static bool Any(string folder)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            var cmdline = Path.Combine(process, "cmdline");
            if (!int.TryParse(Path.GetFileName(process), out _) || !File.Exists(cmdline))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(cmdline).Contains(folder, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The process ended while being read: it no longer uses the folder.
            }
        }

        return false;
    }
}
