using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Valmetal.Api.Features.Documents;

/// <summary>
/// The document bucket: presigned URLs let browsers send and fetch bytes directly, so files never pass through
/// the API; the API only checks, after upload, that what arrived is what was declared.
/// </summary>
public sealed class DocumentStorage(IAmazonS3 s3, IOptions<DocumentOptions> options, TimeProvider time)
{
    private DocumentOptions Options => options.Value;

    public static IAmazonS3 CreateClient(DocumentOptions options)
    {
        var config = new AmazonS3Config
        {
            // Checksums only when an operation requires them: s3rver stores aws-chunked framing as the body otherwise.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
            return new AmazonS3Client(config);
        }

        config.ServiceURL = options.ServiceUrl;
        config.ForcePathStyle = true;
        config.AuthenticationRegion = options.Region;
        // s3rver's fixed development credentials; in AWS the task role signs.
        return new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), config);
    }

    /// <summary>
    /// A PUT URL whose signature covers the declared type and size: S3 refuses a body of any other length
    /// (browsers set Content-Length from the file, so they need not be told).
    /// </summary>
    public async Task<(string Url, DateTimeOffset ExpiresAt)> UploadUrlAsync(string key, string contentType, long sizeBytes)
    {
        var expires = time.GetUtcNow().Add(Options.UploadUrlLifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Options.BucketName,
            Key = key,
            Verb = HttpVerb.PUT,
            ContentType = contentType,
            Expires = expires.UtcDateTime,
            Protocol = Protocol(),
        };
        request.Headers.ContentLength = sizeBytes;
        return (await s3.GetPreSignedURLAsync(request), expires);
    }

    public async Task<(string Url, DateTimeOffset ExpiresAt)> DownloadUrlAsync(string key, string fileName)
    {
        var expires = time.GetUtcNow().Add(Options.DownloadUrlLifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Options.BucketName,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = Protocol(),
        };
        request.ResponseHeaderOverrides.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return (await s3.GetPreSignedURLAsync(request), expires);
    }

    /// <summary>Size and content type of what was uploaded, or null if nothing arrived.</summary>
    public async Task<(long Size, string ContentType)?> InspectAsync(string key, CancellationToken ct)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(Options.BucketName, key, ct);
            return (head.ContentLength, head.Headers.ContentType ?? string.Empty);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) => s3.DeleteObjectAsync(Options.BucketName, key, ct);

    private Amazon.S3.Protocol Protocol() =>
        Options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Amazon.S3.Protocol.HTTP : Amazon.S3.Protocol.HTTPS;
}
