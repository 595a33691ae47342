using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Observability;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// One service of the AppHost as a Fargate service: its own task and execution roles, a non-root read-only
/// container that traces to its commit, spread over both zones, rolled back when it fails to stabilise or alarms.
/// </summary>
public sealed class FargateServiceConstruct : Construct
{
    public const int ContainerPort = 8080;

    /// <summary>UID of the <c>app</c> user of Microsoft's .NET images (see deploy/docker).</summary>
    public const string AppUser = "1654";

    public FargateTaskDefinition TaskDefinition { get; }

    public ContainerDefinition Container { get; }

    public FargateService Service { get; }

    public Role TaskRole { get; }

    public ServiceSizing Sizing { get; }

    public FargateServiceConstruct(Construct scope, string id, FargateServiceOptions options)
        : base(scope, id)
    {
        var names = new ResourceNames(options.Settings.EnvironmentName);
        var family = names.Family(options.Kind);
        Sizing = ServiceSizing.For(options.Kind, options.Settings);

        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            RoleName = $"{family}-task",
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"What the {options.Kind} code may call; grants are added per service, nothing by default",
        });
        var executionRole = new Role(this, "ExecutionRole", new RoleProps
        {
            RoleName = $"{family}-execution",
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"ECS pulls the {options.Kind} image, writes its logs and reads its secrets",
        });

        TaskDefinition = new FargateTaskDefinition(this, "TaskDefinition", new FargateTaskDefinitionProps
        {
            Family = family,
            Cpu = Sizing.Cpu,
            MemoryLimitMiB = Sizing.MemoryMiB,
            TaskRole = TaskRole,
            ExecutionRole = executionRole,
            RuntimePlatform = new RuntimePlatform
            {
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
                CpuArchitecture = CpuArchitecture.X86_64,
            },
        });
        // The root filesystem is read-only; .NET still needs a scratch folder. The images declare /tmp as a VOLUME
        // owned by the app user, whose ownership ECS copies into this task-scoped volume (deploy/docker).
        TaskDefinition.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "tmp" });

        Container = TaskDefinition.AddContainer("App", new ContainerDefinitionOptions
        {
            ContainerName = options.Kind.Slug(),
            // The tag is the commit SHA, so every running task names the source it was built from.
            Image = ContainerImage.FromEcrRepository(options.Repository, options.Settings.GitSha),
            User = AppUser,
            ReadonlyRootFilesystem = true,
            Essential = true,
            PortMappings = [new PortMapping { ContainerPort = ContainerPort, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP }],
            Environment = new Dictionary<string, string>(options.Environment)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_HTTP_PORTS"] = ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AWS_REGION"] = options.Settings.Region,
                ["VALMETAL_GIT_SHA"] = options.Settings.GitSha,
            },
            Secrets = new Dictionary<string, Amazon.CDK.AWS.ECS.Secret>(options.Secrets),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                // Chiseled images have no shell or curl; the image carries a small probe (deploy/docker/health-probe).
                Command = ["CMD", "dotnet", "/healthprobe/Valmetal.HealthProbe.dll", $"http://127.0.0.1:{ContainerPort}/alive"],
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(60),
            },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps
            {
                StreamPrefix = options.Kind.Slug(),
                LogGroup = ServiceLogGroup.Create(this, "Logs", options.Settings, options.Kind.Slug()),
            }),
        });
        Container.AddMountPoints(new MountPoint { SourceVolume = "tmp", ContainerPath = "/tmp", ReadOnly = false });

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            ServiceName = family,
            Cluster = options.Cluster,
            TaskDefinition = TaskDefinition,
            DesiredCount = Sizing.MinTasks,
            AssignPublicIp = false,
            // Both private subnets, one per zone: ECS spreads the tasks over the zones.
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            CapacityProviderStrategies = [new CapacityProviderStrategy { CapacityProvider = "FARGATE", Weight = 1 }],
            MinHealthyPercent = 100,
            MaxHealthyPercent = ServiceSizing.DeploymentMaxPercent,
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            DeploymentAlarms = new DeploymentAlarmConfig
            {
                AlarmNames = [.. options.DeploymentAlarmNames],
                Behavior = AlarmBehavior.ROLLBACK_ON_ALARM,
            },
            PropagateTags = PropagatedTagSource.SERVICE,
            EnableECSManagedTags = true,
        });
    }

    /// <summary>Scales on CPU for every service; request-based scaling is added where a load balancer counts requests.</summary>
    public ScalableTaskCount EnableCpuScaling()
    {
        var scaling = Service.AutoScaleTaskCount(new Amazon.CDK.AWS.ApplicationAutoScaling.EnableScalingProps { MinCapacity = Sizing.MinTasks, MaxCapacity = Sizing.MaxTasks });
        scaling.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps
        {
            TargetUtilizationPercent = 60,
            ScaleInCooldown = Duration.Minutes(5),
            ScaleOutCooldown = Duration.Minutes(1),
        });
        return scaling;
    }

    public IConnectable Connections => Service;
}
