using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Data;

/// <summary>Equipment documents (the AppHost's s3rver bucket), handed to browsers through presigned URLs only.</summary>
public sealed class DocumentBucketConstruct : Construct
{
    /// <summary>Where presigned uploads land until the API confirms them.</summary>
    public const string PendingPrefix = "pending/";

    /// <summary>The web tasks' shared Data Protection key ring (Valmetal.Web KeyRingOptions.Prefix).</summary>
    public const string KeyRingPrefix = "data-protection/web/";

    public Bucket Bucket { get; }

    /// <summary>Bucket names are global: the account keeps two environments in different accounts apart.</summary>
    public static string NameFor(DeploymentSettings settings) =>
        $"{new ResourceNames(settings.EnvironmentName).Of("documents")}-{settings.Account}";

    /// <summary>
    /// The addresses presigned URLs point at, derived from the name rather than read from the bucket so the web
    /// stack needs no reference to (and no export from) the backend stack for them.
    /// </summary>
    public static IReadOnlyList<string> EndpointsFor(DeploymentSettings settings) =>
        [$"https://{NameFor(settings)}.s3.{settings.Region}.amazonaws.com", $"https://{NameFor(settings)}.s3.amazonaws.com"];

    public DocumentBucketConstruct(Construct scope, string id, DeploymentSettings settings, IBucket accessLogs)
        : base(scope, id)
    {
        var props = PrivateBucket.Props(NameFor(settings), accessLogs, "documents/");
        // Browsers PUT uploads and GET downloads straight to presigned URLs from the web app's pages
        // (Valmetal.Web/wwwroot/js/documents.js), as the AppHost configures s3rver locally. A PUT carries
        // Content-Type, which the URL's signature covers; Content-Length is set by the browser, not the script.
        props.Cors =
        [
            new CorsRule
            {
                Id = "browser-uploads-from-the-web-app",
                AllowedOrigins = [settings.WebOrigin],
                AllowedMethods = [HttpMethods.PUT, HttpMethods.GET],
                AllowedHeaders = ["Content-Type"],
                MaxAge = 600,
            },
        ];
        props.LifecycleRules =
        [
            new LifecycleRule { Id = "abort-incomplete-uploads", AbortIncompleteMultipartUploadAfter = Duration.Days(7) },
            // Uploads land under pending/ and the API moves them out once confirmed (DocumentStorage); what is
            // left there is abandoned. The API's sweep deletes it sooner (after at most a day, DocumentOptions);
            // this catches what a sweep could not, such as an object written after its record was deleted.
            new LifecycleRule
            {
                Id = "expire-abandoned-uploads",
                Prefix = PendingPrefix,
                Expiration = Duration.Days(1),
                NoncurrentVersionExpiration = Duration.Days(1),
            },
            new LifecycleRule { Id = "expire-replaced-versions", NoncurrentVersionExpiration = Duration.Days(90) },
            new LifecycleRule
            {
                Id = "infrequent-access-after-90-days",
                Transitions = [new Transition { StorageClass = StorageClass.INFREQUENT_ACCESS, TransitionAfter = Duration.Days(90) }],
            },
        ];
        Bucket = new Bucket(this, "Bucket", props);
    }
}
