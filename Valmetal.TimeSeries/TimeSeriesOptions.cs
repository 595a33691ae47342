using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Valmetal.TimeSeries;

public enum TimeSeriesStoreKind
{
    /// <summary>Points, minute and hour rollups in PostgreSQL's telemetry schema: the default, and the only store locally.</summary>
    Postgres,

    /// <summary>
    /// Points in a Timestream for LiveAnalytics table, aggregated when read. For accounts that already have it: AWS
    /// closed it to new customers in June 2025.
    /// </summary>
    Timestream,
}

/// <summary>
/// The <c>TimeSeries</c> section, the same in the telemetry service and the API: which store holds points and, for
/// Timestream, the database and table (the deployment sets them from CDK context, docs/deployment.md).
/// </summary>
public sealed partial class TimeSeriesOptions : IValidatableObject
{
    public const string SectionName = "TimeSeries";

    public TimeSeriesStoreKind Store { get; set; } = TimeSeriesStoreKind.Postgres;

    public string TimestreamDatabase { get; set; } = string.Empty;

    public string TimestreamTable { get; set; } = string.Empty;

    /// <summary>Where the Write API's endpoint discovery starts; empty means the region's ingest endpoint.</summary>
    public string TimestreamIngestUrl { get; set; } = string.Empty;

    /// <summary>Where the Query API's endpoint discovery starts; empty means the region's query endpoint.</summary>
    public string TimestreamQueryUrl { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store != TimeSeriesStoreKind.Timestream)
        {
            yield break;
        }

        foreach (var (name, value) in new[] { (nameof(TimestreamDatabase), TimestreamDatabase), (nameof(TimestreamTable), TimestreamTable) })
        {
            if (!TimestreamName().IsMatch(value))
            {
                yield return new ValidationResult(
                    $"{SectionName}:{name} must name a Timestream database or table (3 to 256 letters, digits, '_', '-' or '.') when {SectionName}:Store is Timestream.",
                    [name]);
            }
        }

        foreach (var (name, value) in new[] { (nameof(TimestreamIngestUrl), TimestreamIngestUrl), (nameof(TimestreamQueryUrl), TimestreamQueryUrl) })
        {
            if (value.Length > 0 && !Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                yield return new ValidationResult($"{SectionName}:{name} must be an absolute URL.", [name]);
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,256}$")]
    private static partial Regex TimestreamName();
}
