using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.S3;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

public sealed record PublicEndpointOptions(
    DeploymentSettings Settings,
    ServiceKind Kind,
    IVpc Vpc,
    IBucket AccessLogs,
    bool StickySessions);

/// <summary>An internet-facing ALB for one public service: HTTPS only (HTTP answers with a redirect), health on /health.</summary>
public sealed class PublicEndpointConstruct : Construct
{
    public const string HealthPath = "/health";

    public ApplicationLoadBalancer LoadBalancer { get; }

    public ApplicationTargetGroup TargetGroup { get; }

    public PublicEndpointConstruct(Construct scope, string id, PublicEndpointOptions options)
        : base(scope, id)
    {
        var family = new ResourceNames(options.Settings.EnvironmentName).Family(options.Kind);
        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            LoadBalancerName = family,
            Vpc = options.Vpc,
            InternetFacing = true,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
            DeletionProtection = options.Settings.IsProduction,
            // Blazor circuits and the live stream hold connections open between messages.
            IdleTimeout = Duration.Seconds(120),
        });
        LoadBalancer.LogAccessLogs(options.AccessLogs, $"alb/{options.Kind.Slug()}");

        TargetGroup = new ApplicationTargetGroup(this, "Targets", new ApplicationTargetGroupProps
        {
            Vpc = options.Vpc,
            TargetType = TargetType.IP,
            Port = FargateServiceConstruct.ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            // Long enough for in-flight requests to finish, short enough that deployments are not held for 5 minutes.
            DeregistrationDelay = Duration.Seconds(30),
            StickinessCookieDuration = options.StickySessions ? Duration.Hours(1) : null,
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = HealthPath,
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                Timeout = Duration.Seconds(5),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
            },
        });

        LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Protocol = ApplicationProtocol.HTTPS,
            Certificates = [ListenerCertificate.FromArn(options.Settings.CertificateArn)],
            SslPolicy = SslPolicy.RECOMMENDED_TLS,
            DefaultTargetGroups = [TargetGroup],
        });
        LoadBalancer.AddRedirect(new ApplicationLoadBalancerRedirectConfig
        {
            SourcePort = 80,
            SourceProtocol = ApplicationProtocol.HTTP,
            TargetPort = 443,
            TargetProtocol = ApplicationProtocol.HTTPS,
        });
    }
}
