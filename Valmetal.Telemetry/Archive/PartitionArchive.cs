using System.Globalization;
using System.Text;
using Npgsql;
using Valmetal.DeviceContract.Schema;
using Valmetal.TimeSeries.Archive;

namespace Valmetal.Telemetry.Archive;

/// <summary>
/// Archives one daily partition of raw samples to S3 and drops it: detach it (no new row can reach it, and queries
/// stop seeing it), write its points as Parquet parts, read each part back and compare its row count and checksum with
/// what was read from PostgreSQL, write the day's manifest, and only then drop the table. Every step may be repeated: a
/// detached table is found again by the next pass, and the parts' keys and contents depend only on its rows.
/// </summary>
public sealed partial class PartitionArchive(NpgsqlDataSource dataSource, ArchiveObjects objects, ILogger<PartitionArchive> logger)
{
    private const string ParquetType = "application/vnd.apache.parquet";

    /// <summary>A template: {0} is the partition's unqualified name. Detached, the table keeps its rows and its index.</summary>
    [Sql(Check = SqlCheck.RunAndRollBack, FormatWith = ["samples_20000101"])]
    private const string Detach = $"alter table {Tables.Samples} detach partition {Tables.TelemetrySchema}.{{0}}";

    /// <summary>
    /// A template: {0} is the table's name. One row per point, in key order (the primary key's index, then the metric
    /// within a sample), so parts are sorted by thing and a reader skips row groups by thing. The farm is the unit's
    /// current one for samples since it arrived there; the farm of an earlier sample is not kept anywhere, so it is
    /// left empty rather than guessed (docs/decisions.md).
    /// </summary>
    [Sql(FormatWith = ["samples_20000101"])]
    private const string ReadRows = $$"""
        select s.thing, u.metric, s.ts, u.value, e.farm_id::text
        from {{Tables.TelemetrySchema}}.{0} s
        cross join lateral unnest(s.metrics, s.vals) as u(metric, value)
        left join {{Tables.Equipment}} e on e.serial_number = s.thing and s.ts >= e.farm_since
        order by s.thing, s.ts, u.metric
        """;

    /// <summary>A template: {0} is the table's name.</summary>
    [Sql(Check = SqlCheck.RunAndRollBack, FormatWith = ["samples_20000101"])]
    private const string Drop = $"drop table if exists {Tables.TelemetrySchema}.{{0}}";

    private static readonly CompositeFormat DetachFormat = CompositeFormat.Parse(Detach);
    private static readonly CompositeFormat ReadRowsFormat = CompositeFormat.Parse(ReadRows);
    private static readonly CompositeFormat DropFormat = CompositeFormat.Parse(Drop);

    /// <param name="attached">False when an earlier pass detached it and stopped before the drop.</param>
    public async Task<ArchiveManifest> ArchiveAsync(string partition, DateOnly day, bool attached, CancellationToken ct)
    {
        if (attached)
        {
            await RunAsync(DetachFormat, partition, ct);
        }

        var parts = new List<ArchivePart>();
        var rows = new List<ArchivedPoint>(objects.RowsPerPart);
        await using (var read = dataSource.CreateCommand(string.Format(CultureInfo.InvariantCulture, ReadRowsFormat, partition)))
        await using (var reader = await read.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ArchivedPoint(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.GetDouble(3),
                    await reader.IsDBNullAsync(4, ct) ? null : reader.GetString(4)));
                if (rows.Count == objects.RowsPerPart)
                {
                    parts.Add(await WritePartAsync(day, parts.Count, rows, ct));
                    rows.Clear();
                }
            }
        }

        if (rows.Count > 0)
        {
            parts.Add(await WritePartAsync(day, parts.Count, rows, ct));
        }

        var manifest = new ArchiveManifest(day, parts.Sum(p => p.Rows), parts);
        await objects.PutAsync(RawArchive.ManifestKey(objects.Prefix, day), manifest.ToBytes(), "application/json", ct);
        await RunAsync(DropFormat, partition, ct);
        LogArchived(partition, manifest.Rows, parts.Count);
        return manifest;
    }

    private async Task<ArchivePart> WritePartAsync(DateOnly day, int index, List<ArchivedPoint> rows, CancellationToken ct)
    {
        var key = RawArchive.PartKey(objects.Prefix, day, index);
        var checksum = ArchiveChecksum.Of(rows);
        using (var file = new MemoryStream())
        {
            await ArchiveParquet.WriteAsync(file, rows, ct);
            await objects.PutAsync(key, file.ToArray(), ParquetType, ct);
        }

        // What S3 holds, not what was sent: the drop depends on it.
        await using var stored = await objects.GetAsync(key, ct) ?? throw new InvalidDataException($"{key} was written but cannot be read back.");
        var readBack = await ArchiveParquet.ReadAsync(stored, thing: null, ct);
        var storedChecksum = ArchiveChecksum.Of(readBack);
        if (readBack.Count != rows.Count || storedChecksum != checksum)
        {
            throw new InvalidDataException($"{key} holds {readBack.Count} rows (checksum {storedChecksum}), not the {rows.Count} written ({checksum}).");
        }

        return new ArchivePart(key, rows.Count, checksum, rows[0].Thing, rows[^1].Thing);
    }

    private async Task RunAsync(CompositeFormat statement, string partition, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(string.Format(CultureInfo.InvariantCulture, statement, partition));
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(LogLevel.Information, "Archived raw partition {Partition} to S3 ({Rows} points in {Parts} parts, read back and matched) and dropped it")]
    private partial void LogArchived(string partition, long rows, int parts);
}
