using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Valmetal.Api.Features.Documents;

/// <summary>
/// The document bucket: presigned URLs let browsers send and fetch bytes directly, so files never pass through
/// the API; the API only checks, after upload, that what arrived is what was declared.
/// Uploads land under <see cref="PendingPrefix"/> and move to their key once confirmed, so a bucket lifecycle
/// rule can expire whatever was never confirmed without knowing the database.
/// </summary>
public sealed class DocumentStorage(IAmazonS3 s3, IOptions<DocumentOptions> options, TimeProvider time)
{
    public const string PendingPrefix = "pending/";

    private DocumentOptions Options => options.Value;

    public static string PendingKey(string key) => PendingPrefix + key;

    /// <summary>
    /// A PUT URL whose signature covers the declared type and size: S3 refuses a body of any other length
    /// (browsers set Content-Length from the file, so they need not be told).
    /// </summary>
    /// <remarks>The URL writes to the pending copy of <paramref name="key"/>; <see cref="PromoteAsync"/> moves it.</remarks>
    public async Task<(string Url, DateTimeOffset ExpiresAt)> UploadUrlAsync(string key, string contentType, long sizeBytes)
    {
        var expires = time.GetUtcNow().Add(Options.UploadUrlLifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Options.BucketName,
            Key = PendingKey(key),
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

    /// <summary>Size and content type of what was uploaded for <paramref name="key"/>, or null if nothing arrived.</summary>
    public async Task<(long Size, string ContentType)?> InspectUploadAsync(string key, CancellationToken ct)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(Options.BucketName, PendingKey(key), ct);
            return (head.ContentLength, head.Headers.ContentType ?? string.Empty);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves a checked upload from its pending copy to its key (a copy inside S3: the bytes stay there). False when the
    /// pending copy is gone: a concurrent confirmation of the same upload moved it first.
    /// </summary>
    public async Task<bool> PromoteAsync(string key, CancellationToken ct)
    {
        try
        {
            await s3.CopyObjectAsync(Options.BucketName, PendingKey(key), Options.BucketName, key, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        await s3.DeleteObjectAsync(Options.BucketName, PendingKey(key), ct);
        return true;
    }

    /// <summary>Deletes the object and its pending copy; deleting what is not there succeeds, so this may be repeated.</summary>
    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        await s3.DeleteObjectAsync(Options.BucketName, PendingKey(key), ct);
        await s3.DeleteObjectAsync(Options.BucketName, key, ct);
    }

    private Amazon.S3.Protocol Protocol() =>
        Options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Amazon.S3.Protocol.HTTP : Amazon.S3.Protocol.HTTPS;
}
