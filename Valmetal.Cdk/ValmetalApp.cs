using Amazon.CDK;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Registry;

namespace Valmetal.Cdk;

/// <summary>The stacks of one environment: the image registry (pushed to before deploying), the backend and the web client.</summary>
public sealed record EnvironmentStacks(ImageRegistryStack Registry, BackendStack Backend, WebStack Web);

/// <summary>One stack set per environment; the web stack deploys on its own once the backend stack exists.</summary>
public static class ValmetalApp
{
    public static readonly IReadOnlyList<string> Environments = ["dev", "staging", "prod"];

    public static IReadOnlyList<EnvironmentStacks> Compose(App app) =>
    [
        .. Environments.Select(environment =>
        {
            var settings = DeploymentSettings.FromContext(app, environment);
            var registry = new ImageRegistryStack(app, $"valmetal-{environment}-registry", settings);
            var backend = new BackendStack(app, $"valmetal-{environment}-backend", settings);
            backend.AddDependency(registry, "The API, telemetry and the notifier pull the images pushed to these repositories");
            var web = new WebStack(app, $"valmetal-{environment}-web", settings, backend);
            web.AddDependency(registry, "The web client pulls its image from these repositories");
            return new EnvironmentStacks(registry, backend, web);
        }),
    ];
}
