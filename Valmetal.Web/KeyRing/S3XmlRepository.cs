using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// The Data Protection key ring as one S3 object per key under a prefix, which every web task reads. Keys are written
/// with SSE-KMS, so they are encrypted at rest by KMS and readable only by roles allowed on the prefix (and the key);
/// no second encryption layer is added in the app (docs/decisions.md).
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous and the AWS SDK is not, so calls block. That is acceptable here: the
/// key ring is read at start, once a minute and on an unknown key, and a key is written about every 90 days.
/// </remarks>
public sealed class S3XmlRepository(IAmazonS3 s3, KeyRingOptions options, ILogger<S3XmlRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => ReadAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => WriteAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        var elements = new List<XElement>();
        var request = new ListObjectsV2Request { BucketName = options.BucketName, Prefix = options.Prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                if (!item.Key.EndsWith(".xml", StringComparison.Ordinal))
                {
                    continue;
                }

                using var response = await s3.GetObjectAsync(options.BucketName, item.Key).ConfigureAwait(false);
                elements.Add(await XElement.LoadAsync(response.ResponseStream, LoadOptions.None, CancellationToken.None).ConfigureAwait(false));
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        logger.LogDebug("Read {Count} data protection keys from s3://{Bucket}/{Prefix}", elements.Count, options.BucketName, options.Prefix);
        return elements;
    }

    private async Task WriteAsync(XElement element, string friendlyName)
    {
        var request = new PutObjectRequest
        {
            BucketName = options.BucketName,
            Key = options.Prefix + friendlyName + ".xml",
            ContentBody = element.ToString(SaveOptions.DisableFormatting),
            ContentType = "application/xml",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
            // Over plain HTTP (the local emulator) the SDK would sign the body in aws-chunked framing, which s3rver
            // stores as the object; a key file is a few kilobytes, so one signed body costs nothing anywhere.
            UseChunkEncoding = false,
        };
        if (!string.IsNullOrWhiteSpace(options.KmsKeyId))
        {
            request.ServerSideEncryptionKeyManagementServiceKeyId = options.KmsKeyId;
        }

        await s3.PutObjectAsync(request).ConfigureAwait(false);
        logger.LogInformation("Stored data protection key {Name} in s3://{Bucket}/{Prefix}", friendlyName, options.BucketName, options.Prefix);
    }
}
