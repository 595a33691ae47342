using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>What differs between the services; everything else is the same hardened task.</summary>
public sealed record FargateServiceOptions(
    DeploymentSettings Settings,
    ServiceKind Kind,
    ICluster Cluster,
    IVpc Vpc,
    IRepository Repository,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, Secret> Secrets,
    IReadOnlyList<string> DeploymentAlarmNames);
