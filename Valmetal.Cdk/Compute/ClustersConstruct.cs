using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// Backend (API and telemetry) and web client in separate clusters: the public web tier shares no capacity,
/// namespace or blast radius with the services that hold data.
/// </summary>
public sealed class ClustersConstruct : Construct
{
    public Cluster Backend { get; }

    public Cluster Web { get; }

    public ClustersConstruct(Construct scope, string id, DeploymentSettings settings, IVpc vpc)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        Backend = Create("Backend", names.Of("backend"), vpc);
        Web = Create("Web", names.Of("web"), vpc);
    }

    private Cluster Create(string id, string name, IVpc vpc) => new(this, id, new ClusterProps
    {
        ClusterName = name,
        Vpc = vpc,
        ContainerInsights = true,
        // Fargate only: no EC2 capacity is ever added to these clusters.
        EnableFargateCapacityProviders = true,
    });
}
