namespace Valmetal.LocalPostgres;

/// <summary>
/// Whether a cluster's server accepts connections, read from its <c>postmaster.pid</c> the way <c>pg_ctl -w</c> waits:
/// without connecting. A connection made while the server is still starting is refused with a FATAL in the server's
/// own log ("the database system is starting up"), which a readiness probe must not cause.
/// </summary>
public static class PostmasterStatus
{
    /// <summary>Line 8 of the lock file (pidfile.h: LOCK_FILE_LINE_PM_STATUS) reads "ready" once connections are accepted.</summary>
    private const int StatusLine = 7;

    public static bool IsReady(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // no server has started yet, or it stopped cleanly
        }

        return lines.Length > StatusLine && lines[StatusLine].Trim() == "ready";
    }
}
