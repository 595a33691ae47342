using Valmetal.Web.Account;

namespace Valmetal.Web.Export;

/// <summary>
/// A plain link the browser can download from (the session cookie identifies the user); the rows stream from the API
/// through this server to the browser without being held in memory here.
/// </summary>
public static class TelemetryCsvEndpoint
{
    public static IEndpointRouteBuilder MapTelemetryCsvExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/equipment/{serialNumber}/telemetry.csv", ExportAsync).RequireAuthorization();
        return app;
    }

    private static async Task ExportAsync(
        string serialNumber, DateTimeOffset from, DateTimeOffset to, string metrics, HttpContext http, TelemetryExportClient export)
    {
        var token = SessionClaims.Tokens(http.User)?.AccessToken;
        if (token is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var upstream = await export.OpenAsync(token, serialNumber, from, to, metrics, http.RequestAborted);
        http.Response.StatusCode = (int)upstream.StatusCode;
        http.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "text/plain";
        if (upstream.Content.Headers.ContentDisposition is { } disposition)
        {
            http.Response.Headers.ContentDisposition = disposition.ToString();
        }

        // A refusal is passed on as the API worded it (problem details), so the user sees why.
        await using var body = await upstream.Content.ReadAsStreamAsync(http.RequestAborted);
        await body.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
