namespace Valmetal.Api.Infrastructure;

public static class Text
{
    /// <summary>
    /// Control characters other than tab and line breaks have no place in names or notes, and PostgreSQL
    /// refuses NUL in text outright: they are a validation error, not a server error.
    /// </summary>
    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
