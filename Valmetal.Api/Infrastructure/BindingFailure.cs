using System.Text.RegularExpressions;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Reads which route or query parameter could not be converted from ASP.NET Core's binding message
/// (<c>Failed to bind parameter "int Page" from "abc".</c>), so the 400 names the field the way the client spells it,
/// like every other validation problem.
/// </summary>
public static partial class BindingFailure
{
    public static bool TryRead(string message, out string field, out string reason)
    {
        var match = Message().Match(message);
        if (!match.Success)
        {
            (field, reason) = (string.Empty, string.Empty);
            return false;
        }

        var name = match.Groups["name"].Value;
        field = char.ToLowerInvariant(name[0]) + name[1..];
        reason = Expected(match.Groups["type"].Value.TrimEnd('?'));
        return true;
    }

    // The value itself is not echoed: it can be hundreds of characters of whatever the caller sent.
    private static string Expected(string type) => type switch
    {
        "int" or "long" or "short" or "uint" or "ulong" => $"must be a whole number within the range of {type}",
        "double" or "float" or "decimal" => "must be a finite number",
        "bool" => "must be true or false",
        "Guid" => "must be a GUID such as 3f2b9c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b",
        "DateTimeOffset" or "DateTime" => "must be an ISO 8601 date and time such as 2026-11-27T10:15:00Z",
        "DateOnly" => "must be a date such as 2026-11-27",
        _ => $"is not a valid {type}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" from """, RegexOptions.CultureInvariant)]
    private static partial Regex Message();
}
