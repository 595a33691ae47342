using System.Text.RegularExpressions;

namespace Valmetal.Telemetry.Tests.SingleHome;

/// <summary>
/// Text that must be written in one place: <see cref="Pattern"/> may match only in <see cref="Homes"/> and in the
/// few <see cref="Allowed"/> places, each with its reason. Paths are relative to the repository, with '/'; one ending
/// in '/' is a folder.
/// </summary>
public sealed record LiteralRule(string Name, Regex Pattern, IReadOnlyList<string> Homes, IReadOnlyList<Allowance> Allowed)
{
    public bool Covers(string path) => Homes.Any(home => Within(path, home)) || Allowed.Any(a => Within(path, a.Path));

    public static bool Within(string path, string place) =>
        place.EndsWith('/') ? path.StartsWith(place, StringComparison.Ordinal) : path == place;
}

/// <summary>A place outside the home where the text is right, and why.</summary>
public sealed record Allowance(string Path, string Reason);
