using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Observability;
using Valmetal.Cdk.Security;

namespace Valmetal.Cdk.Compute;

/// <summary>A public service and the load balancer in front of it.</summary>
public sealed record PublicService(FargateServiceConstruct Service, PublicEndpointConstruct Endpoint);

/// <summary>
/// Assembles a service with its OpenTelemetry collector, its alarms (created before the service, which names them
/// for rollback, and paging <paramref name="alarmTopic"/>), its load balancer and firewall when it is public, and
/// its scaling.
/// </summary>
public sealed class ServiceFactory(Stack stack, DeploymentSettings settings, IVpc vpc, IBucket accessLogs, ITopic alarmTopic)
{
    private readonly ResourceNames _names = new(settings.EnvironmentName);

    public PublicService Public(ServiceKind kind, ICluster cluster, IDictionary<string, string> environment,
        IDictionary<string, Secret> secrets, bool stickySessions, IReadOnlyList<string> exemptFromRateLimit)
    {
        var endpoint = new PublicEndpointConstruct(stack, $"{kind}Ingress", new PublicEndpointOptions(settings, kind, vpc, accessLogs, stickySessions));
        _ = new WebFirewallConstruct(stack, $"{kind}Firewall", settings, kind, endpoint.LoadBalancer, exemptFromRateLimit);
        var alarms = new DeploymentAlarmsConstruct(stack, $"{kind}Alarms", settings, kind, alarmTopic);
        alarms.AddLoadBalancerAlarms(endpoint.TargetGroup);

        var service = Create(kind, cluster, environment, secrets, alarms, publicService: true, watchesIngestLag: false);
        service.Service.AttachToApplicationTargetGroup(endpoint.TargetGroup);
        // Gives a starting task time to warm up before the load balancer judges it (migrations ran before: StartupWorkConstruct).
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
        return new PublicService(service, endpoint);
    }

    /// <summary>
    /// A service without a load balancer (telemetry consumes MQTT, the notifier an outbox table), so it scales on CPU
    /// only; <paramref name="watchesIngestLag"/> adds telemetry's queue-depth alarm to the ones its deployments watch.
    /// </summary>
    public FargateServiceConstruct Worker(ServiceKind kind, ICluster cluster, IDictionary<string, string> environment,
        IDictionary<string, Secret> secrets, bool watchesIngestLag = false)
    {
        var alarms = new DeploymentAlarmsConstruct(stack, $"{kind}Alarms", settings, kind, alarmTopic);
        if (watchesIngestLag)
        {
            alarms.AddIngestLagAlarm(MetricsCollectorSidecar.NamespaceFor(settings, kind));
        }

        var service = Create(kind, cluster, environment, secrets, alarms, publicService: false, watchesIngestLag);
        service.EnableCpuScaling();
        return service;
    }

    private FargateServiceConstruct Create(ServiceKind kind, ICluster cluster, IDictionary<string, string> environment,
        IDictionary<string, Secret> secrets, DeploymentAlarmsConstruct alarms, bool publicService, bool watchesIngestLag)
    {
        var repository = Repository.FromRepositoryName(stack, $"{kind}Repository", _names.Repository(kind));
        var service = new FargateServiceConstruct(stack, kind.ToString(), new FargateServiceOptions(
            settings, kind, cluster, vpc, repository,
            new Dictionary<string, string>(environment), new Dictionary<string, Secret>(secrets),
            DeploymentAlarmsConstruct.NamesFor(_names.Family(kind), publicService, watchesIngestLag)));
        _ = new MetricsCollectorSidecar(stack, $"{kind}Collector", settings, kind, service.TaskDefinition, service.Container);
        // ECS checks that the alarms exist when the service is created or updated.
        service.Service.Node.AddDependency(alarms);
        return service;
    }
}
