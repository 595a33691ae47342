using Microsoft.Extensions.Localization;
using Valmetal.DeviceContract;

namespace Valmetal.Api.Infrastructure;

/// <summary>Collects field errors for a validation problem response; field names are the JSON names.</summary>
public sealed class Validation
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(Validation));

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public Validation Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    /// <summary>A value the request leaves out, or an item of a list it leaves null.</summary>
    public Validation Missing(string field) => Add(field, Text["Required"]);

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Missing(field);
        }

        return Optional(field, value, maxLength);
    }

    public Validation Optional(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length > maxLength)
        {
            return Add(field, Text["TooLong", maxLength]);
        }

        return HasControlCharacters(value) ? Add(field, Text["ControlCharacters"]) : this;
    }

    public Validation Range(string field, double? value, double min, double max) =>
        value is { } v && (!double.IsFinite(v) || v < min || v > max) ? Add(field, Text["OutOfRange", min, max]) : this;

    /// <summary>A serial number or a metric or setting key: what devices name their things and values with.</summary>
    public Validation Name(string field, string? value) => ThingName.IsValid(value) ? this : Add(field, Text["NotAName"]);

    public Validation MustBeOneOf(string field, IEnumerable<string> allowed) => Add(field, Text["NotOneOf", string.Join(", ", allowed)]);

    /// <summary>
    /// Control characters other than tab and line breaks have no place in names or notes, and PostgreSQL
    /// refuses NUL in text outright: they are a validation error, not a server error.
    /// </summary>
    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
