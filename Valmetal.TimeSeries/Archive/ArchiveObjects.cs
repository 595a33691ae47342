using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Valmetal.TimeSeries.Archive;

/// <summary>The archive bucket's objects, whole: parts are a few megabytes, so they are written and read in memory.</summary>
public sealed class ArchiveObjects(IAmazonS3 s3, IOptions<ArchiveOptions> options)
{
    public string Prefix => options.Value.Prefix;

    public int RowsPerPart => options.Value.RowsPerPart;

    public async Task PutAsync(string key, byte[] body, string contentType, CancellationToken ct)
    {
        using var stream = new MemoryStream(body, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Value.BucketName,
            Key = key,
            InputStream = stream,
            ContentType = contentType,
            AutoCloseStream = false,
            // Over plain HTTP (the local emulator) the SDK would sign the body in aws-chunked framing, which s3rver
            // stores as the object (the read-back check caught it); a part is a few megabytes, signed whole anywhere.
            UseChunkEncoding = false,
        }, ct);
    }

    /// <summary>The object's bytes, or null when there is no such object.</summary>
    public async Task<MemoryStream?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await s3.GetObjectAsync(options.Value.BucketName, key, ct);
            var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body, ct);
            body.Position = 0;
            return body;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The day's manifest, or null while the day is not (wholly) archived.</summary>
    public async Task<ArchiveManifest?> ManifestAsync(DateOnly day, CancellationToken ct)
    {
        await using var json = await GetAsync(DeviceContract.Schema.RawArchive.ManifestKey(Prefix, day), ct);
        return json is null ? null : ArchiveManifest.Parse(json);
    }
}
