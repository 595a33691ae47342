using Amazon.CDK;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Registry;

namespace Valmetal.Cdk;

/// <summary>One stack set per environment: the image registry (pushed to before deploying) and the application.</summary>
public static class ValmetalApp
{
    public static readonly IReadOnlyList<string> Environments = ["dev", "staging", "prod"];

    public static IReadOnlyList<(ImageRegistryStack Registry, ValmetalStack Application)> Compose(App app) =>
    [
        .. Environments.Select(environment =>
        {
            var settings = DeploymentSettings.FromContext(app, environment);
            var registry = new ImageRegistryStack(app, $"valmetal-{environment}-registry", settings);
            var application = new ValmetalStack(app, $"valmetal-{environment}", settings);
            application.AddDependency(registry, "Services pull the images pushed to these repositories");
            return (registry, application);
        }),
    ];
}
