namespace Valmetal.Api.Infrastructure;

/// <summary>Collects field errors for a validation problem response; field names are the JSON names.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors;

    public Validation Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required");
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
            return Add(field, $"must be at most {maxLength} characters");
        }

        return Text.HasControlCharacters(value) ? Add(field, "must not contain control characters") : this;
    }

    public Validation Range(string field, double? value, double min, double max) =>
        value is { } v && (!double.IsFinite(v) || v < min || v > max) ? Add(field, $"must be between {min} and {max}") : this;
}
