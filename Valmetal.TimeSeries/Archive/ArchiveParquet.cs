using Parquet;
using Parquet.Schema;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.TimeSeries.Archive;

/// <summary>
/// The Parquet form of <see cref="RawArchive.Columns"/>: timestamps as UTC microseconds (PostgreSQL's precision, which
/// Athena reads as <c>timestamp</c>), Snappy-compressed, in row groups of <see cref="RowsPerRowGroup"/>.
/// </summary>
public static class ArchiveParquet
{
    /// <summary>A reader looking for one thing skips the row groups whose thing range excludes it.</summary>
    public const int RowsPerRowGroup = 25_000;

    private static readonly DataField<string> Thing = new(RawArchive.Thing, nullable: false);
    private static readonly DataField<string> Metric = new(RawArchive.Metric, nullable: false);
    private static readonly DateTimeDataField Timestamp = new(RawArchive.Timestamp, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    private static readonly DataField<double> Value = new(RawArchive.Value, nullable: false);
    private static readonly DataField<string> FarmId = new(RawArchive.FarmId, nullable: true);

    public static ParquetSchema Schema { get; } = new(Thing, Metric, Timestamp, Value, FarmId);

    public static async Task WriteAsync(Stream output, IReadOnlyList<ArchivedPoint> points, CancellationToken ct)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, output, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: ct);
        for (var start = 0; start < points.Count; start += RowsPerRowGroup)
        {
            var group = points.Skip(start).Take(RowsPerRowGroup).ToArray();
            using var rows = writer.CreateRowGroup();
            await rows.WriteAsync(Thing, group.Select(p => p.Thing).ToArray());
            await rows.WriteAsync(Metric, group.Select(p => p.Metric).ToArray());
            await rows.WriteAsync<DateTime>(Timestamp, group.Select(p => p.Timestamp).ToArray(), cancellationToken: ct);
            await rows.WriteAsync<double>(Value, group.Select(p => p.Value).ToArray(), cancellationToken: ct);
            await rows.WriteAsync(FarmId, group.Select(p => p.FarmId).ToArray());
            rows.CompleteValidate();
        }
    }

    /// <summary>The points of a part, in file order; with <paramref name="thing"/>, only that thing's, skipping row groups without it.</summary>
    public static async Task<List<ArchivedPoint>> ReadAsync(Stream input, string? thing, CancellationToken ct)
    {
        await using var reader = await ParquetReader.CreateAsync(input, cancellationToken: ct);
        var points = new List<ArchivedPoint>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rows = reader.OpenRowGroupReader(g);
            if (thing is not null && rows.GetStatistics(Thing) is { MinValue: string min, MaxValue: string max }
                && (string.CompareOrdinal(thing, min) < 0 || string.CompareOrdinal(thing, max) > 0))
            {
                continue;
            }

            var count = checked((int)rows.RowCount);
            var things = new string[count];
            var metrics = new string[count];
            var times = new DateTime[count];
            var values = new double[count];
            var farms = new string[count];
            await rows.ReadAsync(Thing, things, cancellationToken: ct);
            await rows.ReadAsync(Metric, metrics, cancellationToken: ct);
            await rows.ReadAsync<DateTime>(Timestamp, times, cancellationToken: ct);
            await rows.ReadAsync<double>(Value, values, cancellationToken: ct);
            await rows.ReadAsync(FarmId, farms, cancellationToken: ct);
            for (var i = 0; i < count; i++)
            {
                if (thing is null || string.Equals(things[i], thing, StringComparison.Ordinal))
                {
                    points.Add(new ArchivedPoint(things[i], metrics[i], DateTime.SpecifyKind(times[i], DateTimeKind.Utc), values[i], farms[i]));
                }
            }
        }

        return points;
    }
}
