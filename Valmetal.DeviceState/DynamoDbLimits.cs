using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Valmetal.DeviceState;

/// <summary>
/// What DynamoDB refuses, checked before a write so that one device's value becomes that message's rejection instead
/// of a failed batch (the store answers a ValidationException for the whole request). The numbers are DynamoDB's
/// documented service limits.
/// </summary>
public static partial class DynamoDbLimits
{
    /// <summary>Longest update, condition or projection expression.</summary>
    public const int MaxExpressionBytes = 4096;

    /// <summary>Largest item, attribute names and values together.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>Significant digits a number may carry.</summary>
    public const int MaxNumberDigits = 38;

    /// <summary>Smallest positive magnitude is 1E-130 and the largest 9.99…E+125: these are the decimal exponents of their first digit.</summary>
    public const int MinNumberExponent = -130;
    public const int MaxNumberExponent = 125;

    public const string NumberRange = "at most 38 significant digits and a magnitude from 1E-130 to 9.9E+125";

    /// <summary>The first value under <paramref name="path"/> that DynamoDB would refuse, described for the sender; null if all are storable.</summary>
    public static string? FindUnstorable(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.Select(p => FindUnstorable(p.Value, $"{path}.{p.Key}")).FirstOrDefault(problem => problem is not null),
        JsonArray array => array.Select((item, i) => FindUnstorable(item, $"{path}[{i}]")).FirstOrDefault(problem => problem is not null),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && !IsStorableNumber(value.ToJsonString())
            => $"'{path}' = {Shorten(value.ToJsonString())} is not a number DynamoDB stores ({NumberRange})",
        _ => null,
    };

    /// <summary>Whether DynamoDB stores the JSON number <paramref name="text"/> as it is written, zero included.</summary>
    public static bool IsStorableNumber(string text)
    {
        var match = JsonNumber().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var integer = match.Groups["int"].Value;
        var digits = (integer + match.Groups["frac"].Value).TrimStart('0');
        if (digits.Length == 0)
        {
            return true;
        }

        var exponentText = match.Groups["exp"].Value;
        if (!long.TryParse(exponentText.Length == 0 ? "0" : exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            return false;
        }

        var leadingZeros = integer.Length + match.Groups["frac"].Value.Length - digits.Length;
        var firstDigitExponent = integer.Length - 1 - leadingZeros + exponent;
        return digits.TrimEnd('0').Length <= MaxNumberDigits
            && firstDigitExponent >= MinNumberExponent
            && firstDigitExponent <= MaxNumberExponent;
    }

    /// <summary>Whether a finite double is within DynamoDB's magnitude; a double never has more than 17 significant digits.</summary>
    public static bool IsStorable(double value) => double.IsFinite(value) && Math.Abs(value) < 1E126;

    private static string Shorten(string text) => text.Length <= 48 ? text : text[..45] + "…";

    [GeneratedRegex(@"^-?(?<int>\d+)(?:\.(?<frac>\d+))?(?:[eE](?<exp>[+-]?\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
