using System.Globalization;
using Valmetal.AwsHttp;

namespace Valmetal.TimeSeries;

/// <summary>
/// The Timestream table's layout, written by the telemetry service and read by the API: one multi-measure record per
/// device and instant, its metrics as DOUBLE measures named by their catalogue keys under one measure name, the
/// device's thing name as the only dimension. Timestream's SQL takes no parameters, so every value placed in a query
/// goes through <see cref="Literal"/> or <see cref="Identifier"/>.
/// </summary>
public static class TimestreamTelemetry
{
    public const string MeasureName = "telemetry";

    public const string ThingDimension = "thing";

    /// <summary>The format of Timestream's TIMESTAMP values in query results (nanoseconds, UTC).</summary>
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>The longest TIMESTAMP text .NET can hold: seconds and seven fractional digits.</summary>
    private const int TimestampLength = 27;

    /// <summary>The table as a query names it: <c>"database"."table"</c>.</summary>
    public static string Table(TimeSeriesOptions options) => Identifier(options.TimestreamDatabase) + "." + Identifier(options.TimestreamTable);

    /// <summary>A string literal: single quotes, with any inside doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier (a column named by a metric's key): double quotes, with any inside doubled.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>An instant as a TIMESTAMP expression, to the millisecond records are written with.</summary>
    public static string Time(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"from_milliseconds({instant.ToUnixTimeMilliseconds()})");

    /// <summary>
    /// Whether Timestream refused a query because it names a measure the table has never held: a multi-measure
    /// table's columns are the measures written so far, so a metric no unit has sent yet has no column.
    /// </summary>
    public static bool IsUnknownColumn(AwsServiceException error, string measure) =>
        error.AwsMessage.Contains($"Column '{measure}' does not exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a TIMESTAMP cell ("2026-12-01 16:00:00.000000000"); .NET keeps 100 ns, the last two digits go.</summary>
    public static DateTime ParseTime(string cell) =>
        DateTime.ParseExact(cell.Length > TimestampLength ? cell[..TimestampLength] : cell, TimestampFormat,
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
