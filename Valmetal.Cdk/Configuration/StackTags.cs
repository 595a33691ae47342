using Constructs;

namespace Valmetal.Cdk.Configuration;

public static class StackTags
{
    /// <summary>Tags every taggable resource under <paramref name="scope"/>: cost reports and incident tooling group by them.</summary>
    public static void Apply(IConstruct scope, DeploymentSettings settings)
    {
        var tags = Amazon.CDK.Tags.Of(scope);
        tags.Add("application", "valmetal-connect");
        tags.Add("environment", settings.EnvironmentName);
        tags.Add("owner", settings.Owner);
        tags.Add("git-sha", settings.GitSha);
    }
}
