using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Registry;

/// <summary>
/// The ECR repositories live in their own stack: the pipeline must push images tagged with the commit SHA
/// before the application stack's services can start them.
/// </summary>
public sealed class ImageRegistryStack : Stack
{
    public ImageRegistryStack(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id, new StackProps
        {
            Env = settings.AwsEnvironment,
            Description = $"Valmetal Connect ({settings.EnvironmentName}): container image repositories",
        })
    {
        var names = new ResourceNames(settings.EnvironmentName);
        foreach (var service in ServiceKindExtensions.All)
        {
            _ = new Repository(this, $"{service}Repository", new RepositoryProps
            {
                RepositoryName = names.Repository(service),
                ImageScanOnPush = true,
                // A tag is a commit SHA; it must always name the same image or a task no longer traces to its source.
                ImageTagMutability = TagMutability.IMMUTABLE,
                Encryption = RepositoryEncryption.AES_256,
                RemovalPolicy = RemovalPolicy.RETAIN,
                LifecycleRules =
                [
                    new LifecycleRule { Description = "Keep the last 200 builds", MaxImageCount = 200 },
                ],
            });
        }

        StackTags.Apply(this, settings);
    }
}
