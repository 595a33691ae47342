using System.Globalization;

namespace Valmetal.DeviceContract.Schema;

/// <summary>
/// The S3 archive of raw points past retention, written once for the telemetry service (writer), the API's CSV export
/// (reader), the CDK's Glue table and the tests: one folder per UTC day, named Hive-style (<c>day=2026-11-01</c>) so
/// Athena prunes by day, holding Parquet parts of the day's points sorted by thing, time and metric, and a manifest
/// written last. Units move between farms, so the farm is a column, not a partition key.
/// </summary>
public static class RawArchive
{
    public const string Prefix = "raw/";

    /// <summary>The partition key, in the folder names and the Glue table.</summary>
    public const string DayKey = "day";

    /// <summary>The day as the folder names it, and Athena's partition projection reads it.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    public const string Thing = "thing";
    public const string Metric = "metric";
    public const string Timestamp = "ts";
    public const string Value = "value";
    public const string FarmId = "farm_id";

    /// <summary>The columns of every part, in file order, with their Glue (Hive) types.</summary>
    public static IReadOnlyList<ArchiveColumn> Columns { get; } =
    [
        new(Thing, "string"),
        new(Metric, "string"),
        new(Timestamp, "timestamp"),
        new(Value, "double"),
        new(FarmId, "string"),
    ];

    /// <summary>A leading underscore: Athena and Glue skip the file, so the manifest never reads as data.</summary>
    public const string ManifestName = "_manifest.json";

    /// <summary>A day's folder under the configured prefix: <c>raw/day=2026-11-01/</c>.</summary>
    public static string DayFolder(string prefix, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{DayKey}={day.ToString(DayFormat, CultureInfo.InvariantCulture)}/");

    public static string PartKey(string prefix, DateOnly day, int part) =>
        string.Create(CultureInfo.InvariantCulture, $"{DayFolder(prefix, day)}part-{part:D5}.parquet");

    public static string ManifestKey(string prefix, DateOnly day) => DayFolder(prefix, day) + ManifestName;

    /// <summary>
    /// True once every sample of <paramref name="day"/> is older than the raw retention: its partition is archived and
    /// dropped, and the export reads it from the archive.
    /// </summary>
    public static bool IsExpired(DateOnly day, DateOnly today, TimeSpan retention) =>
        day.AddDays(1) <= today.AddDays(-(int)Math.Ceiling(retention.TotalDays));
}

/// <summary>One column of the archive: its name in Parquet and its type in the Glue table.</summary>
public sealed record ArchiveColumn(string Name, string GlueType);
