using Amazon.CDK;
using Amazon.CDK.AWS.S3;

namespace Valmetal.Cdk.Data;

/// <summary>
/// What every data bucket is: named, private (public access blocked, owner-enforced objects), TLS 1.2 only, SSE-S3,
/// versioned, logged to the access-log bucket, and kept when the stack goes. Each construct adds its own rules.
/// </summary>
public static class PrivateBucket
{
    public static BucketProps Props(string name, IBucket accessLogs, string logPrefix) => new()
    {
        BucketName = name,
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        EnforceSSL = true,
        MinimumTLSVersion = 1.2,
        Encryption = BucketEncryption.S3_MANAGED,
        ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
        Versioned = true,
        ServerAccessLogsBucket = accessLogs,
        ServerAccessLogsPrefix = logPrefix,
        RemovalPolicy = RemovalPolicy.RETAIN,
    };
}
