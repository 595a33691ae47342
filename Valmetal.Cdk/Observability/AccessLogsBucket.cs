using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

/// <summary>One bucket for S3 server access logs and load balancer access logs (both need SSE-S3, not KMS).</summary>
public sealed class AccessLogsBucket : Construct
{
    public Bucket Bucket { get; }

    public AccessLogsBucket(Construct scope, string id, DeploymentSettings settings, string name)
        : base(scope, id)
    {
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BucketName = $"{new ResourceNames(settings.EnvironmentName).Of(name)}-{settings.Account}",
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Encryption = BucketEncryption.S3_MANAGED,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules = [new LifecycleRule { Id = "expire-after-a-year", Expiration = Duration.Days(365) }],
        });
    }
}
