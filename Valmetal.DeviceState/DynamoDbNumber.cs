using System.Globalization;

namespace Valmetal.DeviceState;

/// <summary>
/// What a DynamoDB number can hold: at most 38 significant digits, a magnitude from 1E-130 to 9.99…E+125 (or zero),
/// no infinities and no NaN. JSON has no such limits (1e400 is valid JSON), so a value is checked before it is written:
/// DynamoDB refuses the whole write otherwise.
/// </summary>
public static class DynamoDbNumber
{
    public const int MaxSignificantDigits = 38;
    public const int MaxExponent = 125;
    public const int MinExponent = -130;

    /// <summary>Null when <paramref name="text"/>, a JSON number, can be stored as is; otherwise why not.</summary>
    public static string? Check(string text)
    {
        var span = text.AsSpan();
        if (span.StartsWith("-"))
        {
            span = span[1..];
        }

        var exponentAt = span.IndexOfAny('e', 'E');
        var mantissa = exponentAt < 0 ? span : span[..exponentAt];
        var exponent = exponentAt < 0 ? 0L : ParseExponent(span[(exponentAt + 1)..]);
        if (exponent is null || mantissa.IsEmpty)
        {
            return "is not a number";
        }

        var point = mantissa.IndexOf('.');
        var integerDigits = point < 0 ? mantissa : mantissa[..point];
        var digits = point < 0 ? mantissa.ToString() : string.Concat(integerDigits, mantissa[(point + 1)..]);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return "is not a number";
        }

        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        var significant = digits.Trim('0');
        if (significant.Length == 0)
        {
            return null;
        }

        if (significant.Length > MaxSignificantDigits)
        {
            return $"has more than {MaxSignificantDigits} significant digits";
        }

        // The power of ten of the first significant digit: 123.4 is 1.234E2, 0.00056 is 5.6E-4.
        var scientific = exponent.Value + integerDigits.Length - leadingZeros - 1;
        return scientific switch
        {
            > MaxExponent => "is too large: its magnitude must be below 1E+126",
            < MinExponent => "is too small: a non-zero magnitude must be at least 1E-130",
            _ => null,
        };
    }

    /// <summary>The exponent, clamped far outside the storable range so thousands of digits cannot overflow it.</summary>
    private static long? ParseExponent(ReadOnlySpan<char> text)
    {
        var negative = text.StartsWith("-");
        if (negative || text.StartsWith("+"))
        {
            text = text[1..];
        }

        if (text.IsEmpty || text.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        var trimmed = text.TrimStart('0');
        var value = trimmed.Length > 9 ? 1_000_000_000L : trimmed.IsEmpty ? 0 : long.Parse(trimmed, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }
}
