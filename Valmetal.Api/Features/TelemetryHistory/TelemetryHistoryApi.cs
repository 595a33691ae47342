using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.TelemetryHistory;

public static class TelemetryHistoryApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(TelemetryHistoryApi));

    public static RouteGroupBuilder MapTelemetryHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGroup("equipment").WithTags("Telemetry")
            .MapGet("{serialNumber}/metrics/{metric}/history", GetHistory)
            .WithName("GetMetricHistory")
            .WithSummary("Reads a metric's history as min/avg/max per time bucket.")
            .WithDescription("Defaults to the last hour. Without bucketSeconds a bucket giving about 300 points is chosen. "
                + "Ranges span at most 400 days and at most 5000 buckets. Buckets of whole minutes or hours are computed from "
                + "the rollups (aligned to whole minutes or hours); 'source' says which. Farm users get no buckets from before the unit arrived on their farm.")
            .RequireRateLimiting(ApiRateLimits.HistoryPolicy);
        return api;
    }

    public static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult, ValidationProblem>> GetHistory(
        string serialNumber,
        string metric,
        CurrentUser user,
        ValmetalDbContext db,
        IHistoryReader history,
        TimeProvider time,
        CancellationToken ct,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        int? bucketSeconds = null)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? HistoryRange.DefaultStart(end);
        var errors = HistoryRange.Validate(start, end, bucketSeconds);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var definition = await db.Equipment.AsNoTracking().VisibleTo(user)
            .Where(e => e.SerialNumber == serialNumber)
            .Select(e => new { e.FarmSince, Metric = e.Model!.Metrics.Where(m => m.Key == metric).Select(m => new { m.Unit }).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (definition is null)
        {
            return TypedResults.Problem(title: Text["EquipmentNotFound"], detail: Text["EquipmentNotFoundDetail", serialNumber], statusCode: StatusCodes.Status404NotFound);
        }

        if (definition.Metric is null)
        {
            return TypedResults.Problem(title: Text["MetricNotFound"], detail: Text["MetricNotFoundDetail", metric], statusCode: StatusCodes.Status404NotFound);
        }

        var bucket = bucketSeconds ?? HistoryRange.ChooseBucketSeconds(start, end);
        // The response keeps the requested range (a chart's axis); only the read starts no earlier than the caller may see.
        // Rollup buckets are whole minutes or hours, so the one the unit arrived in, mixing two farms' data, is left out.
        var readFrom = start.NotBefore(user.VisibleFrom(definition.FarmSince));
        var buckets = readFrom < end ? await history.RunAsync(serialNumber, metric, readFrom, end, bucket, ct) : [];
        return TypedResults.Ok(new HistoryResponse(serialNumber, metric, definition.Metric.Unit, start, end, bucket, buckets, history.SourceFor(bucket)));
    }
}
