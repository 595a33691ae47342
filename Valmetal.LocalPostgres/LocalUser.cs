namespace Valmetal.LocalPostgres;

public static class LocalUser
{
    /// <summary>True when this process runs as root, where servers such as PostgreSQL must drop privileges.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatformGuard("windows")]
    public static bool RunningAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
