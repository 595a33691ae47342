using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.TelemetryExport;

public static class TelemetryExportApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(TelemetryExportApi));

    public static RouteGroupBuilder MapTelemetryExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("equipment/{serialNumber}/telemetry.csv", Export).WithTags("Telemetry")
            .WithName("ExportTelemetryCsv")
            .WithSummary("Streams the raw points of a time range as CSV (timestamp_utc, metric, value, unit).")
            .WithDescription("metrics: 1 to 10 catalogue keys separated by commas; the range spans at most 31 days. "
                + "Days past the raw retention (30 days) are read from the archive, in the same order and format; farm users get no points from before the unit arrived on their farm.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireRateLimiting(ApiRateLimits.ExportPolicy)
            .LongLived();
        return api;
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        string serialNumber, DateTimeOffset from, DateTimeOffset to, string? metrics,
        CurrentUser user, ValmetalDbContext db, IPointExport export, CancellationToken ct)
    {
        var (request, validation) = ExportRequest.Parse(from, to, metrics);
        if (request is null)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var unit = await db.Equipment.AsNoTracking().VisibleTo(user).Where(e => e.SerialNumber == serialNumber)
            .Select(e => new { e.FarmSince, Metrics = e.Model!.Metrics.Select(m => new { m.Key, m.Unit }).ToList() })
            .FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return TypedResults.Problem(title: Text["EquipmentNotFound"], detail: Text["EquipmentNotFoundDetail", serialNumber], statusCode: StatusCodes.Status404NotFound);
        }

        var units = unit.Metrics.ToDictionary(m => m.Key, m => m.Unit, StringComparer.Ordinal);
        var unknown = request.Metrics.Where(m => !units.ContainsKey(m)).ToList();
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["metrics"] = [Text["NotInCatalogue", string.Join(", ", unknown)]],
            });
        }

        var fileName = $"{serialNumber}-{request.From.UtcDateTime:yyyyMMddTHHmm}-{request.To.UtcDateTime:yyyyMMddTHHmm}.csv";
        // The file is named for the requested range; its rows start no earlier than the caller may see (maybe none).
        var readable = request with { From = request.From.NotBefore(user.VisibleFrom(unit.FarmSince)) };
        return TypedResults.Stream(body => export.WriteAsync(body, serialNumber, readable, units, ct), "text/csv; charset=utf-8", fileName);
    }
}
