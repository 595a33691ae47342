using System.Globalization;
using System.Text.RegularExpressions;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>
/// A resource's console line at error level, as the dashboard would count it: a .NET service's <c>fail:</c> or
/// <c>crit:</c> (the console formatter's names for Error and Critical), PostgreSQL's <c>ERROR:</c>, <c>FATAL:</c> or
/// <c>PANIC:</c>, Mosquitto's <c>Error:</c>. Standard error alone says nothing: PostgreSQL writes every line there.
/// </summary>
public sealed partial record ErrorLogLine(string Resource, DateTimeOffset At, string Text)
{
    public static ErrorLogLine? Read(string resource, string content)
    {
        var plain = AnsiCodes().Replace(content, string.Empty);
        var match = Line().Match(plain);
        if (!match.Success || !ErrorLevel().IsMatch(match.Groups["text"].Value))
        {
            return null;
        }

        return new ErrorLogLine(resource, DateTimeOffset.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture), match.Groups["text"].Value);
    }

    public override string ToString() => $"{Resource} {At:HH:mm:ss.fff} {Text}";

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiCodes();

    /// <summary>Aspire stamps every line it collects with the time it read it.</summary>
    [GeneratedRegex(@"^(?<at>\d{4}-\d{2}-\d{2}T\S+Z) (?<text>.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"^(fail|crit): |^\S+ \S+ \S+ \[\d+\] (ERROR|FATAL|PANIC): |^\d+: Error: ")]
    private static partial Regex ErrorLevel();
}
