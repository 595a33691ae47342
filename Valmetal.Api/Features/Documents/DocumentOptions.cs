namespace Valmetal.Api.Features.Documents;

public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    public string BucketName { get; set; } = "valmetal-documents";

    /// <summary>Set locally (s3rver); empty in AWS, where the region and the task role are used.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What may be uploaded: manuals and reports, photos of a repair, exported data.</summary>
    public IReadOnlyList<string> AllowedContentTypes { get; set; } =
        ["application/pdf", "image/png", "image/jpeg", "text/plain", "text/csv"];
}
