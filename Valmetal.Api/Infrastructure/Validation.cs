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

    /// <summary>The page of a paged list: 1 or more, and a page size the endpoint allows.</summary>
    public Validation Paging(int page, int pageSize, int maxPageSize)
    {
        if (page < 1)
        {
            Add("page", "must be 1 or more");
        }

        return pageSize is < 1 || pageSize > maxPageSize ? Add("pageSize", $"must be between 1 and {maxPageSize}") : this;
    }
}
