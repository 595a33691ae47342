using System.ComponentModel.DataAnnotations;

namespace Valmetal.Api.Infrastructure;

/// <summary>The <c>TelemetryReads</c> section: how long PostgreSQL may spend on one history query or one CSV export, and
/// from which day the export reads the archive.</summary>
public sealed class TelemetryReadOptions
{
    public const string SectionName = "TelemetryReads";

    /// <summary>A history query aggregates at most 5,000 buckets, mostly from rollups: seconds, normally.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HistoryStatementTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The export's statement lasts while its rows stream to the browser, so a long range needs minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExportStatementTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The telemetry service's raw retention (<c>Ingestion:MaxSampleAge</c>): the export looks for days past it in the
    /// archive (docs/architecture.md, "Raw archive"). Both default to 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(30);
}
