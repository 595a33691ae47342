namespace Valmetal.Web.ApiClient;

/// <summary>Query strings of the API's list calls.</summary>
internal static class Query
{
    /// <summary>A filter the caller may leave out: <c>&amp;name=value</c>, or nothing when there is no value.</summary>
    public static string Optional(string name, string? value) => value is null ? string.Empty : $"&{name}={Uri.EscapeDataString(value)}";
}
