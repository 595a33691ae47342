using System.Net;

namespace Valmetal.Web.ApiClient;

/// <summary>What the API said when it refused a request: its problem details, flattened for display.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public string Message => Errors.Count > 0
        ? string.Join(" ", Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}."))
        : Detail ?? Title;
}

/// <summary>
/// Every call's answer: the value (with the ETag that versions it) or the API's refusal. Refusals are expected outcomes a
/// page shows (400, 404, 409, 412…); only a failure to reach the API at all throws.
/// </summary>
public sealed record ApiResult<T>(T? Value, string? ETag, ApiProblem? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>
    /// The value, or default for 404 (missing, or not the caller's: the API does not tell them apart); for a caller with
    /// nothing to show for any other refusal, which it throws as the HTTP failure it is.
    /// </summary>
    public T? Found() => Problem switch
    {
        null => Value,
        { Status: StatusCodes.Status404NotFound } => default,
        { } problem => throw new HttpRequestException(problem.Message, null, (HttpStatusCode)problem.Status),
    };
}
