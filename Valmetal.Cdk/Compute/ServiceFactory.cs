using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.S3;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Observability;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// Assembles a service with its alarms (created before the service, which names them for rollback), its load
/// balancer when it is public, and its scaling.
/// </summary>
public sealed class ServiceFactory(Stack stack, DeploymentSettings settings, IVpc vpc, IBucket accessLogs)
{
    private readonly ResourceNames _names = new(settings.EnvironmentName);

    public FargateServiceConstruct Public(ServiceKind kind, ICluster cluster, IDictionary<string, string> environment,
        IDictionary<string, Secret> secrets, bool stickySessions)
    {
        var endpoint = new PublicEndpointConstruct(stack, $"{kind}Ingress", new PublicEndpointOptions(settings, kind, vpc, accessLogs, stickySessions));
        var alarms = new DeploymentAlarmsConstruct(stack, $"{kind}Alarms", settings, kind);
        alarms.AddLoadBalancerAlarms(endpoint.TargetGroup);

        var service = Create(kind, cluster, environment, secrets, alarms);
        service.Service.AttachToApplicationTargetGroup(endpoint.TargetGroup);
        // Gives a starting task time to migrate and warm up before the load balancer judges it.
        var cfnService = (CfnService)service.Service.Node.DefaultChild!;
        cfnService.HealthCheckGracePeriodSeconds = 60;

        var scaling = service.EnableCpuScaling();
        scaling.ScaleOnRequestCount("Requests", new RequestCountScalingProps
        {
            RequestsPerTarget = 1000,
            TargetGroup = endpoint.TargetGroup,
            ScaleInCooldown = Duration.Minutes(5),
            ScaleOutCooldown = Duration.Minutes(1),
        });
        _ = new CfnOutput(stack, $"{kind}LoadBalancerDns", new CfnOutputProps
        {
            Value = endpoint.LoadBalancer.LoadBalancerDnsName,
            Description = $"Point the {kind.Slug()} DNS name here",
        });
        return service;
    }

    /// <summary>A service without a load balancer (telemetry): it consumes MQTT, so it scales on CPU only.</summary>
    public FargateServiceConstruct Worker(ServiceKind kind, ICluster cluster, IDictionary<string, string> environment,
        IDictionary<string, Secret> secrets)
    {
        var alarms = new DeploymentAlarmsConstruct(stack, $"{kind}Alarms", settings, kind);
        var service = Create(kind, cluster, environment, secrets, alarms);
        var collector = new MetricsCollectorSidecar(stack, $"{kind}Collector", settings, service.TaskDefinition, service.Container);
        alarms.AddIngestLagAlarm(collector.MetricNamespace);
        service.EnableCpuScaling();
        return service;
    }

    private FargateServiceConstruct Create(ServiceKind kind, ICluster cluster, IDictionary<string, string> environment,
        IDictionary<string, Secret> secrets, DeploymentAlarmsConstruct alarms)
    {
        var repository = Repository.FromRepositoryName(stack, $"{kind}Repository", _names.Repository(kind));
        var service = new FargateServiceConstruct(stack, kind.ToString(), new FargateServiceOptions(
            settings, kind, cluster, vpc, repository,
            new Dictionary<string, string>(environment), new Dictionary<string, Secret>(secrets),
            DeploymentAlarmsConstruct.NamesFor(_names.Family(kind), kind != ServiceKind.Telemetry, kind == ServiceKind.Telemetry)));
        // ECS checks that the alarms exist when the service is created or updated.
        service.Service.Node.AddDependency(alarms);
        return service;
    }
}
