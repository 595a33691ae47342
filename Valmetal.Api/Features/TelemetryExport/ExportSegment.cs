using Microsoft.Extensions.Options;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract.Schema;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>A stretch of an export's range read from one place: an archived day from S3, or PostgreSQL.</summary>
public sealed record ExportSegment(DateTimeOffset From, DateTimeOffset To, ArchiveManifest? Archived)
{
    /// <summary>
    /// The range cut at UTC days: a day past the raw retention whose manifest is in the archive is read from there; any
    /// other stretch (the hot window, or a day whose archiving has not finished) from PostgreSQL, adjacent days merged
    /// into one query. The segments follow each other in time, so writing them in turn keeps the file in time order.
    /// </summary>
    public static async Task<List<ExportSegment>> PlanAsync(ExportRequest request, ArchiveObjects archive, TelemetryReadOptions options, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var segments = new List<ExportSegment>();
        var from = request.From;
        while (from < request.To)
        {
            var day = DateOnly.FromDateTime(from.UtcDateTime);
            var dayEnd = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var to = dayEnd < request.To ? dayEnd : request.To;
            var archived = RawArchive.IsExpired(day, today, options.RawRetention) ? await archive.ManifestAsync(day, ct) : null;
            if (archived is null && segments is [.., { Archived: null } hot])
            {
                segments[^1] = hot with { To = to };
            }
            else
            {
                segments.Add(new ExportSegment(from, to, archived));
            }

            from = to;
        }

        return segments;
    }
}
