using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: reads carry an ETag (the row's xmin), writes must send it back in
/// If-Match. A missing If-Match answers 428, a stale one 412, so two people never overwrite each other unseen.
/// </summary>
public static class Concurrency
{
    public static string ETag(uint version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static void SetETag(HttpContext http, uint version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version named by If-Match, or an error result to return as is.</summary>
    public static bool TryReadIfMatch(HttpContext http, out uint version, out ProblemHttpResult? error)
    {
        version = 0;
        error = null;
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            error = TypedResults.Problem(title: "If-Match required",
                detail: "Send the ETag you read in an If-Match header so a concurrent change is not overwritten.",
                statusCode: StatusCodes.Status428PreconditionRequired);
            return false;
        }

        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (!uint.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            error = Stale();
            return false;
        }

        return true;
    }

    /// <summary>Saves a change made against the version from If-Match; false when someone else wrote first.</summary>
    public static async Task<bool> TrySaveAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public static ProblemHttpResult Stale() => TypedResults.Problem(title: "Changed by someone else",
        detail: "The resource changed since you read it. Read it again, reapply your change, and retry with the new ETag.",
        statusCode: StatusCodes.Status412PreconditionFailed);
}
