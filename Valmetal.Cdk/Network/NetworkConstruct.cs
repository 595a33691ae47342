using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Network;

/// <summary>Two availability zones; tasks and the database in private subnets; AWS APIs reached through endpoints.</summary>
public sealed class NetworkConstruct : Construct
{
    /// <summary>
    /// Fixed, so services can trust forwarded headers from the load balancers' range (inside the VPC) without a
    /// cross-stack reference: the web stack names it rather than importing it.
    /// </summary>
    public const string Cidr = "10.40.0.0/16";

    public Vpc Vpc { get; }

    /// <summary>
    /// The NAT gateways' public addresses (CIDR /32): what the tasks' outbound calls come from, the web app's calls
    /// to the API's public address included.
    /// </summary>
    public IReadOnlyList<string> NatAddresses =>
    [
        .. Vpc.PublicSubnets
            .Select(subnet => subnet.Node.TryFindChild("EIP"))
            .OfType<CfnEIP>()
            .Select(address => $"{address.AttrPublicIp}/32"),
    ];

    public NetworkConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            VpcName = new ResourceNames(settings.EnvironmentName).Of("vpc"),
            IpAddresses = IpAddresses.Cidr(Cidr),
            AvailabilityZones = ApplicationStack.ZonesOf(settings),
            // One NAT gateway per zone in production so losing a zone does not cut the other off (IoT Core, Cognito).
            NatGateways = settings.IsProduction ? 2 : 1,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "ingress", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "tasks", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 20 },
                new SubnetConfiguration { Name = "data", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
            RestrictDefaultSecurityGroup = false,
        });

        var flowLogs = new LogGroup(this, "FlowLogs", new LogGroupProps
        {
            Retention = RetentionDays.THREE_MONTHS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(flowLogs),
            TrafficType = FlowLogTrafficType.ALL,
        });

        // S3 through a gateway endpoint (free); the rest are interface endpoints so image pulls, logs and
        // secrets never cross the NAT gateway.
        Vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        var tasks = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };
        foreach (var (name, service) in new[]
        {
            ("EcrApi", InterfaceVpcEndpointAwsService.ECR),
            ("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER),
            ("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS),
            ("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER),
        })
        {
            Vpc.AddInterfaceEndpoint(name, new InterfaceVpcEndpointOptions { Service = service, Subnets = tasks, PrivateDnsEnabled = true });
        }
    }
}
