using System.Text.RegularExpressions;

namespace Valmetal.AppHost.Startup;

/// <summary>The one line a failed start ends with: what failed, why, and what to do.</summary>
public static partial class StartFailure
{
    public const string Prefix = "START FAILED:";

    private const int MaxReasonLength = 300;

    public static string Line(string resource, string what, string why, string remedy) =>
        $"{Prefix} {resource} {what}: {why}. What to do: {remedy}.";

    /// <summary>Advice for a port in use; <paramref name="option"/> (such as <c>--LocalStack:ApiPort=PORT</c>) moves it.</summary>
    public static string FreePort(int port, string? option) =>
        $"stop the program listening on port {port} (`ss -ltnp 'sport = :{port}'` names it; an earlier ./build.sh run may still be running)"
        + (option is null ? string.Empty : $", or choose another port with {option}");

    /// <summary>A resource's output as lines without Aspire's timestamps and the orchestrator's own <c>[sys]</c> lines.</summary>
    public static IReadOnlyList<string> Readable(IEnumerable<string> output) => output
        .SelectMany(l => l.Split('\n'))
        .Select(l => Timestamp().Replace(l, string.Empty).TrimEnd())
        .Where(l => l.Trim().Length > 0 && !l.StartsWith("[sys]", StringComparison.Ordinal))
        .ToList();

    /// <summary>
    /// The line of a resource's output that says why it stopped: the last one that reads like an error (stack frames
    /// skipped), else its last line.
    /// </summary>
    public static string Reason(IReadOnlyList<string> output)
    {
        var lines = Readable(output).Select(l => l.Trim()).ToList();
        var reason = lines.LastOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal) && ErrorLike().IsMatch(l))
            ?? lines.LastOrDefault();
        return reason is null ? "it printed nothing"
            : reason.Length > MaxReasonLength ? $"\"{reason[..MaxReasonLength]}…\""
            : $"\"{reason}\"";
    }

    /// <summary>What to do, read from the reason; a port the resource was given is named with the setting that moves it.</summary>
    public static string Remedy(string reason, IReadOnlyList<(int Port, string? Setting)> fixedPorts)
    {
        if (PortInUse().IsMatch(reason))
        {
            return fixedPorts is [var (port, setting), ..]
                ? FreePort(port, setting is null ? null : $"--{setting}=PORT")
                : "stop the program holding the port it needs (`ss -ltnp` lists them; an earlier ./build.sh run may still be running)";
        }

        if (PermissionDenied().IsMatch(reason))
        {
            return "the user it runs as (PostgreSQL runs as 'postgres') cannot reach the path in that line: "
                + "give that user access to every folder above it, or choose a state folder it can reach with --LocalStack:StateDirectory=DIR";
        }

        if (Missing().IsMatch(reason))
        {
            return "something it needs is not installed: run ./build.sh setup, then start again";
        }

        return "its last output is printed above: fix what it says, then start again";
    }

    /// <summary>The time Aspire puts before each line it shows.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[\d:.]+Z ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"error|fatal|panic|exception|denied|not permitted|in use|not found|no such file|cannot|could not|failed|refused", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLike();

    [GeneratedRegex(@"address already in use|EADDRINUSE|could not bind|could not create listen socket", RegexOptions.IgnoreCase)]
    private static partial Regex PortInUse();

    [GeneratedRegex(@"permission denied|not permitted|EACCES", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionDenied();

    [GeneratedRegex(@"not found|no such file|ENOENT|cannot find module", RegexOptions.IgnoreCase)]
    private static partial Regex Missing();
}
