using Valmetal.TimeSeries.Archive;

namespace Valmetal.Api.Features.TelemetryExport;

/// <summary>One unit's archived points of a day, in the export's order (time, then metric).</summary>
public static class ArchivedDay
{
    /// <summary>
    /// Parts are sorted by thing (byte order, as PostgreSQL's "C" collation keys them), so only the parts whose thing
    /// range holds the unit are fetched, and in them only the row groups that do.
    /// </summary>
    public static async Task<List<ArchivedPoint>> ReadAsync(ArchiveObjects archive, ExportSegment segment, string thing, IReadOnlyList<string> metrics, CancellationToken ct)
    {
        var wanted = metrics.ToHashSet(StringComparer.Ordinal);
        var points = new List<ArchivedPoint>();
        foreach (var part in segment.Archived!.Parts.Where(p => string.CompareOrdinal(p.FirstThing, thing) <= 0 && string.CompareOrdinal(thing, p.LastThing) <= 0))
        {
            await using var body = await archive.GetAsync(part.Key, ct) ?? throw new InvalidDataException($"{part.Key} is in its day's manifest but not in the archive.");
            points.AddRange((await ArchiveParquet.ReadAsync(body, thing, ct)).Where(p =>
                wanted.Contains(p.Metric) && p.Timestamp >= segment.From.UtcDateTime && p.Timestamp < segment.To.UtcDateTime));
        }

        points.Sort(static (a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : string.CompareOrdinal(a.Metric, b.Metric));
        return points;
    }
}
