using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Reads which route or query parameter could not be converted from ASP.NET Core's binding message
/// (<c>Failed to bind parameter "int Page" from "abc".</c>), so the 400 names the field the way the client spells it,
/// like every other validation problem.
/// </summary>
public static partial class BindingFailure
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(Validation));

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
        "int" or "long" or "short" or "uint" or "ulong" => Text["NotWholeNumber", type],
        "double" or "float" or "decimal" => Text["NotFiniteNumber"],
        "bool" => Text["NotBoolean"],
        nameof(Guid) => Text["NotGuid"],
        "DateTimeOffset" or "DateTime" => Text["NotDateTime"],
        "DateOnly" => Text["NotDate"],
        _ => Text["NotValidType", type],
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" from """, RegexOptions.CultureInvariant)]
    private static partial Regex Message();
}
