using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using Valmetal.Cdk.Compute;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Data;
using Valmetal.Cdk.Observability;

namespace Valmetal.Cdk;

/// <summary>
/// The web client in its own cluster, behind its own load balancer and firewall, released on its own: deploying
/// this stack never changes the backend stack. From the backend it takes only the VPC and the user pool's ids (stack
/// exports, stable as long as those resources are); the API's address, the document bucket's endpoints and the
/// alarm topic are derived from names in context.
/// </summary>
public sealed class WebStack : ApplicationStack
{
    public WebStack(Construct scope, string id, DeploymentSettings settings, BackendStack backend)
        : base(scope, id, settings, "web client")
    {
        // Its own access-log bucket: load balancer logging adds a bucket policy statement, which must not land in the backend stack.
        var accessLogs = new AccessLogsBucket(this, "AccessLogs", settings, "web-access-logs");
        var alarmTopic = AlarmTopic.Import(this, "AlarmTopic", settings);
        var cluster = ServiceCluster.Create(this, "WebCluster", settings, ServiceKind.WebClient, backend.Network.Vpc);
        var services = new ServiceFactory(this, settings, backend.Network.Vpc, accessLogs.Bucket, alarmTopic);

        // The web client reaches the API over HTTPS like any browser would: no database, no table, no secrets.
        var web = services.Public(ServiceKind.WebClient, cluster, ServiceEnvironments.Web(settings, backend.Users),
            new Dictionary<string, Secret>(), stickySessions: true, exemptFromRateLimit: []);
        // Its one store: the shared Data Protection key ring, a prefix of the document bucket (named, not imported).
        // Exactly what S3XmlRepository calls: list the prefix, read and write its objects; keys are never deleted.
        var keyRing = Bucket.FromBucketName(this, "KeyRingBucket", DocumentBucketConstruct.NameFor(settings));
        web.Service.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject", "s3:PutObject"],
            Resources = [keyRing.ArnForObjects(DocumentBucketConstruct.KeyRingPrefix + "*")],
        }));
        web.Service.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [keyRing.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = DocumentBucketConstruct.KeyRingPrefix + "*" },
            },
        }));
    }
}
