using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Forms;

/// <summary>How a field and the API's message about it find each other on a page.</summary>
public static class FieldErrors
{
    /// <summary>The message's element id, for the field's <c>aria-describedby</c>.</summary>
    public static string IdOf(string field) => "error-" + new string(field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>The field's <c>aria-describedby</c>: its message's id while there is one, else no attribute.</summary>
    public static string? DescribedBy(ApiProblem? problem, string field) => problem?.Errors.ContainsKey(field) == true ? IdOf(field) : null;

    /// <summary>The field's <c>aria-invalid</c>: "true" when the API refused it, else no attribute.</summary>
    public static string? Invalid(ApiProblem? problem, string field) => problem?.Errors.ContainsKey(field) == true ? "true" : null;
}
