using System.Globalization;

namespace Valmetal.Bench;

/// <summary>
/// Which build the figures come from. Aspire starts each service with <c>dotnet run --configuration</c> set to the
/// AppHost's own build configuration, so the bench built in Release runs a Release platform; this reads it back from
/// the running services' command lines rather than trusting that.
/// </summary>
public static class PlatformBuild
{
    public static string Describe()
    {
        var bench = typeof(PlatformBuild).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "unknown";
        var services = ServiceConfigurations().Distinct().Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"Build: bench {bench}; platform services {(services.Count == 0 ? "not found" : string.Join(", ", services))}");
    }

    /// <summary>The configuration folder of each Valmetal service binary (…/bin/Release/net10.0/Valmetal.Api).</summary>
    private static IEnumerable<string> ServiceConfigurations()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (Path.GetFileName(directory) == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            {
                continue;
            }

            string[] commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // The service's own binary, or `dotnet Valmetal.X.dll`; not `dotnet run --project …`, which has no bin folder.
            foreach (var parts in commandLine.Take(2).Where(a => Path.GetFileName(a).StartsWith("Valmetal.", StringComparison.Ordinal)).Select(a => a.Split('/')))
            {
                if (Array.IndexOf(parts, "bin") is var bin and >= 0 && bin + 1 < parts.Length)
                {
                    yield return parts[bin + 1];
                }
            }
        }
    }
}
