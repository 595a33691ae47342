using System.ComponentModel.DataAnnotations;
using Valmetal.AwsHttp.Sdk;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// The <c>DataProtection</c> section: where the keys that encrypt session and antiforgery cookies live. Every web task
/// must read the same keys, or a deploy, a scale-in or a request landing on another replica signs people out. In AWS
/// and locally that is an S3 prefix (<see cref="BucketName"/>; locally s3rver through <see cref="ServiceUrl"/>); a
/// folder (<see cref="KeysPath"/>) is for a single process only. Neither: keys in memory, for tests.
/// </summary>
public sealed class KeyRingOptions : IValidatableObject, IAwsServiceEndpoint
{
    public const string SectionName = "DataProtection";

    public string BucketName { get; set; } = string.Empty;

    /// <summary>Key prefix of the key ring; the web task role may read and write under it only.</summary>
    [RegularExpression("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", ErrorMessage = "DataProtection:Prefix must be a key prefix ending with '/', such as data-protection/web/.")]
    public string Prefix { get; set; } = "data-protection/web/";

    /// <summary>The local S3 emulator's address; empty in AWS, where the region's endpoint and the task role are used.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>KMS key for server-side encryption of the key files; empty means the account's AWS-managed aws/s3 key.</summary>
    public string KmsKeyId { get; set; } = string.Empty;

    /// <summary>A folder instead of a bucket: for one process on one machine (tests), never for replicas.</summary>
    public string KeysPath { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BucketName) && !string.IsNullOrWhiteSpace(KeysPath))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(BucketName)} and {SectionName}:{nameof(KeysPath)} are both set; the key ring lives in one place.",
                [nameof(BucketName), nameof(KeysPath)]);
        }
    }
}
