using System.Globalization;

namespace Valmetal.LocalPostgres;

/// <summary>The Debian PostgreSQL binaries, and how root runs them: initdb and postgres refuse to run as root.</summary>
public static class PostgresBinaries
{
    public const string Install =
        "install PostgreSQL with ./build.sh setup (apt-get install postgresql), or name its bin folder with --LocalStack:PostgresBinDirectory";

    /// <summary>The command that runs the rest of a command line as the <c>postgres</c> user, for a root process.</summary>
    public static readonly IReadOnlyList<string> AsPostgresUser = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"];

    /// <summary>
    /// The bin folder of the newest PostgreSQL under <c>/usr/lib/postgresql</c>, or the usual one when none is there
    /// (the caller's preflight check then says what to install).
    /// </summary>
    public static string FindBinDirectory()
    {
        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
            : null;
        return newest ?? "/usr/lib/postgresql/15/bin";
    }
}
