using System.Security.Cryptography;
using System.Text;

namespace Valmetal.LocalPostgres;

/// <summary>
/// Where a state folder's PostgreSQL cluster lives. As root the server runs as the <c>postgres</c> user, which cannot
/// reach a state folder under a private parent (root's home, a <c>mktemp -d</c> folder: mode 700). The cluster then
/// lives in <c>/var/lib/valmetal-connect/{hash of the state folder}/data</c>, whose folders are root's and open to
/// traverse, and <c>{state}/postgres/data</c> is a symbolic link to it (docs/decisions.md).
/// </summary>
public static class PostgresDataDirectory
{
    public const string SharedRoot = "/var/lib/valmetal-connect";

    /// <summary>The cluster's folder; inside the state folder itself unless the server drops to the postgres user.</summary>
    public static string For(string stateDirectory) => LocalUser.RunningAsRoot
        ? Path.Combine(SharedRoot, Key(stateDirectory), "data")
        : LinkIn(stateDirectory);

    /// <summary>Where the state folder shows the cluster: the cluster itself, or a link to it.</summary>
    public static string LinkIn(string stateDirectory) => Path.Combine(stateDirectory, "postgres", "data");

    /// <summary>
    /// Creates the folders above the cluster, open to traverse whatever the umask, with a note naming the state
    /// folder they belong to. The init resource creates the cluster's own folder as the postgres user's.
    /// </summary>
    public static string PrepareParent(string stateDirectory)
    {
        var parent = Path.GetDirectoryName(For(stateDirectory))!;
        Directory.CreateDirectory(parent);
        if (LocalUser.RunningAsRoot)
        {
            const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(SharedRoot, Traversable);
            File.SetUnixFileMode(parent, Traversable);
            File.WriteAllText(Path.Combine(parent, "state-folder.txt"), FullPath(stateDirectory) + Environment.NewLine);
        }

        return parent;
    }

    /// <summary>Deletes the cluster of a state folder when it lives outside it (tests and benchmarks clean up with this).</summary>
    public static void DeleteOutside(string stateDirectory)
    {
        var parent = Path.GetDirectoryName(For(stateDirectory))!;
        if (LocalUser.RunningAsRoot && Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static string Key(string stateDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FullPath(stateDirectory))))[..16];

    private static string FullPath(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
}
