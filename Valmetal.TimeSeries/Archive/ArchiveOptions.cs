using System.ComponentModel.DataAnnotations;
using Valmetal.AwsHttp.Sdk;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.TimeSeries.Archive;

/// <summary>
/// The <c>Archive</c> section: the bucket raw points go to past retention (the telemetry service writes, the API's
/// export reads). The API reads through the S3 client it already has (<c>Documents:ServiceUrl</c> locally), so
/// <see cref="ServiceUrl"/> is the telemetry service's.
/// </summary>
public sealed class ArchiveOptions : IAwsServiceEndpoint
{
    public const string SectionName = "Archive";

    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "Archive:BucketName must be an S3 bucket name.")]
    public string BucketName { get; set; } = string.Empty;

    /// <summary>Where the day folders start; the CDK's Glue table points at the same prefix.</summary>
    [Required]
    [RegularExpression("^([A-Za-z0-9_.-]+/)+$", ErrorMessage = "Archive:Prefix must be folders ending with '/', such as raw/.")]
    public string Prefix { get; set; } = RawArchive.Prefix;

    /// <summary>Rows per Parquet object: a part is built and read back in memory, so this bounds the writer's memory
    /// (about 40 MB at the default) and the export's, which reads whole parts.</summary>
    [Range(1, 2_000_000)]
    public int RowsPerPart { get; set; } = 250_000;

    /// <summary>Set locally (s3rver); empty in AWS, where the region (<c>Aws:Region</c>) and the task role are used.</summary>
    public string? ServiceUrl { get; set; }
}
