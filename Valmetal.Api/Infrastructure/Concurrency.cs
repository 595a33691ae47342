using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: reads carry an ETag (the row's xmin), writes must send it back in
/// If-Match. A missing If-Match answers 428, a stale one 412, so two people never overwrite each other unseen.
/// </summary>
public static class Concurrency
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(Concurrency));

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
            error = TypedResults.Problem(title: Text["IfMatchRequired"], detail: Text["IfMatchRequiredDetail"],
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

    public static ProblemHttpResult Stale() => TypedResults.Problem(title: Text["Stale"], detail: Text["StaleDetail"],
        statusCode: StatusCodes.Status412PreconditionFailed);
}
