using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.Bench;

/// <summary>
/// Keeps every resource's console output of a bench run in artifacts/bench-logs/{run}/ and sums up its warnings and
/// errors when the run ends. The bench quiets the services' console (Aspire forwards each of their lines at
/// Information, whatever its level), so without this a service failing under load would go unseen.
/// </summary>
internal sealed partial class ServiceLogs : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ErrorLogLine> _errors = new();
    private readonly Task _copying;

    private ServiceLogs(DistributedApplication app, string directory)
    {
        Directory = directory;
        _copying = ResourceLogFiles.Start(app, directory, _errors, _stopping.Token);
    }

    public string Directory { get; }

    public static ServiceLogs Start(DistributedApplication app) => new(app, Path.Combine(
        Valmetal.TestSupport.RepositoryRoot.Path, "artifacts", "bench-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Stops copying and prints how many warning and error lines each resource wrote, by level and category.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _copying;
        _stopping.Dispose();
        var counts = System.IO.Directory.EnumerateFiles(Directory, "*.log")
            .SelectMany(file => File.ReadLines(file)
                .Select(line => Level().Match(line))
                .Where(match => match.Success)
                .Select(match => $"{Path.GetFileNameWithoutExtension(file)} {match.Groups["level"].Value} {match.Groups["category"].Value}"))
            .GroupBy(key => key)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToList();
        Console.WriteLine($"Service logs: {Directory}; {(counts.Count == 0 ? "no warnings or errors" : "warnings and errors:")}");
        foreach (var group in counts)
        {
            Console.WriteLine($"  {group.Count(),7:N0}  {group.Key}");
        }

        foreach (var error in _errors.Take(20))
        {
            Console.WriteLine($"  {error}");
        }
    }

    /// <summary>A .NET service's console line at Warning or above: the formatter's level name, then the category.</summary>
    [GeneratedRegex(@"^\S+Z (?:\x1b\[[0-9;]*m)*(?<level>warn|fail|crit)(?:\x1b\[[0-9;]*m)*: (?<category>[^\[\s]+)")]
    private static partial Regex Level();
}
