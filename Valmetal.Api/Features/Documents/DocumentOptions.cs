using System.ComponentModel.DataAnnotations;
using Valmetal.AwsHttp.Sdk;

namespace Valmetal.Api.Features.Documents;

public sealed class DocumentOptions : IAwsServiceEndpoint
{
    public const string SectionName = "Documents";

    [Required]
    public string BucketName { get; set; } = "valmetal-documents";

    /// <summary>Set locally (s3rver); empty in AWS, where the region (<c>Aws:Region</c>) and the task role are used.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>A single presigned PUT; S3 takes up to 5 GB that way.</summary>
    [Range(1, 5L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// At most 12 h, and the margin too, so an upload is abandoned within a day: the bucket's lifecycle rule
    /// expires pending objects after one (Valmetal.Cdk DocumentBucketConstruct).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Added to the upload URL's lifetime before an unconfirmed upload counts as abandoned: a PUT begun just before
    /// the URL expires still has time to finish and be confirmed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan AbandonMargin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each API replica looks for abandoned uploads; replicas may overlap, the sweep is idempotent.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan AbandonedAfter => UploadUrlLifetime + AbandonMargin;

    /// <summary>What may be uploaded: manuals and reports, photos of a repair, exported data.</summary>
    public IReadOnlyList<string> AllowedContentTypes { get; set; } =
        ["application/pdf", "image/png", "image/jpeg", "text/plain", "text/csv"];
}
