using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// Backend (API and telemetry) and web client run in separate clusters, each in its own stack: the public web tier
/// shares no capacity, namespace, blast radius or deployment with the services that hold data.
/// </summary>
public static class ServiceCluster
{
    public static string NameOf(DeploymentSettings settings, ServiceKind service) =>
        new ResourceNames(settings.EnvironmentName).Of(service == ServiceKind.WebClient ? "web" : "backend");

    public static Cluster Create(Construct scope, string id, DeploymentSettings settings, ServiceKind service, IVpc vpc) => new(scope, id, new ClusterProps
    {
        ClusterName = NameOf(settings, service),
        Vpc = vpc,
        ContainerInsights = true,
        // Fargate only: no EC2 capacity is ever added to these clusters.
        EnableFargateCapacityProviders = true,
    });
}
