using Amazon.CDK.Assertions;

namespace Valmetal.Cdk.Tests;

/// <summary>Availability and deployment safety (the ECS operational review): two tasks over two zones, rollbacks.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class ServiceTests(SynthesizedApp app)
{
    [Fact]
    public void Every_service_keeps_at_least_two_tasks()
    {
        var services = app.ProdJson.Resources("AWS::ECS::Service").ToList();
        Assert.Equal(4, services.Count);
        Assert.All(services, s => Assert.True((int?)s.Properties["DesiredCount"] >= 2, s.Id));
        var targets = app.ProdJson.Resources("AWS::ApplicationAutoScaling::ScalableTarget").ToList();
        Assert.Equal(4, targets.Count);
        Assert.All(targets, t => Assert.True((int?)t.Properties["MinCapacity"] >= 2, t.Id));
    }

    [Fact]
    public void Tasks_spread_over_two_availability_zones_without_public_ips()
    {
        var zoneOfSubnet = app.ProdJson.Resources("AWS::EC2::Subnet").ToDictionary(s => s.Id, s => (string?)s.Properties["AvailabilityZone"]);
        // The web stack names the backend's subnets through imports.
        var exports = app.ProdJson.Exports();
        foreach (var (id, service) in app.ProdJson.Resources("AWS::ECS::Service"))
        {
            var network = service["NetworkConfiguration"]!["AwsvpcConfiguration"]!;
            Assert.Equal("DISABLED", (string?)network["AssignPublicIp"]);
            var zones = network["Subnets"]!.AsArray().Select(s => zoneOfSubnet[TemplateJson.Target(s, exports)!]).Distinct();
            Assert.True(zones.Count() >= 2, $"{id} runs in one zone");
        }
    }

    [Fact]
    public void Deployments_roll_back_through_the_circuit_breaker_and_alarms()
    {
        var rollback = new Dictionary<string, object>
        {
            ["DeploymentConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["DeploymentCircuitBreaker"] = new Dictionary<string, object> { ["Enable"] = true, ["Rollback"] = true },
                ["Alarms"] = Match.ObjectLike(new Dictionary<string, object> { ["Enable"] = true, ["Rollback"] = true }),
            }),
        };
        app.Prod.ResourcePropertiesCountIs("AWS::ECS::Service", rollback, 3);
        app.ProdWeb.ResourcePropertiesCountIs("AWS::ECS::Service", rollback, 1);
    }

    [Fact]
    public void Every_alarm_a_deployment_watches_exists()
    {
        var alarms = app.ProdJson.Resources("AWS::CloudWatch::Alarm").Select(a => (string?)a.Properties["AlarmName"]).ToHashSet();
        foreach (var (id, service) in app.ProdJson.Resources("AWS::ECS::Service"))
        {
            var watched = service["DeploymentConfiguration"]!["Alarms"]!["AlarmNames"]!.AsArray().Select(n => (string?)n).ToList();
            Assert.True(watched.Count >= 2, id);
            Assert.All(watched, name => Assert.Contains(name, alarms));
        }
    }

    [Theory]
    [InlineData("backend-api", new[] { "cpu", "memory", "5xx-rate", "unhealthy-targets" })]
    [InlineData("web-client", new[] { "cpu", "memory", "5xx-rate", "unhealthy-targets" })]
    [InlineData("telemetry", new[] { "cpu", "memory", "ingest-lag" })]
    [InlineData("notifier", new[] { "cpu", "memory" })]
    public void Deployments_watch_errors_health_cpu_memory_and_ingest_lag(string service, string[] expected)
    {
        var watched = app.ProdJson.Service(TemplateJson.Family(service))["DeploymentConfiguration"]!["Alarms"]!["AlarmNames"]!
            .AsArray().Select(n => (string?)n).Order();
        Assert.Equal(expected.Select(e => $"{TemplateJson.Family(service)}-{e}").Order(), watched);
    }

    [Fact]
    public void Services_scale_on_cpu_and_the_public_ones_also_on_requests()
    {
        var metrics = app.ProdJson.Resources("AWS::ApplicationAutoScaling::ScalingPolicy")
            .Select(p => (string?)p.Properties["TargetTrackingScalingPolicyConfiguration"]?["PredefinedMetricSpecification"]?["PredefinedMetricType"])
            .ToList();
        Assert.Equal(4, metrics.Count(m => m == "ECSServiceAverageCPUUtilization"));
        Assert.Equal(2, metrics.Count(m => m == "ALBRequestCountPerTarget"));
    }

    [Fact]
    public void The_web_client_task_has_no_database_secret_and_no_data_settings()
    {
        var container = app.ProdJson.TaskDefinition(TemplateJson.Family("web-client"))["ContainerDefinitions"]![0]!;
        Assert.Null(container["Secrets"]);
        var names = container["Environment"]!.AsArray().Select(e => (string?)e!["Name"]).ToList();
        Assert.DoesNotContain(names, n => n!.StartsWith("ConnectionStrings", StringComparison.Ordinal)
            || n.StartsWith("DeviceState", StringComparison.Ordinal) || n.StartsWith("Documents", StringComparison.Ordinal));
        var apiBase = container["Environment"]!.AsArray().Single(e => (string?)e!["Name"] == "ApiBaseUrl")!;
        Assert.StartsWith("https://", (string?)apiBase["Value"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_web_pages_may_send_requests_to_the_document_bucket_and_no_other_origin()
    {
        var environment = app.ProdJson.TaskDefinition(TemplateJson.Family("web-client"))["ContainerDefinitions"]![0]!["Environment"]!.AsArray();
        var sources = environment.Where(e => ((string?)e!["Name"])!.StartsWith("ContentSecurityPolicy__ConnectSources__", StringComparison.Ordinal))
            .Select(e => (string?)e!["Value"]).Order().ToList();

        // The bucket's regional and global names, as CloudFormation reports them, derived in the web stack from the name.
        var bucket = (string?)app.ProdBackendJson.Resources("AWS::S3::Bucket").Single(b => ((string?)b.Properties["BucketName"])!.Contains("documents", StringComparison.Ordinal)).Properties["BucketName"];
        Assert.Equal([$"https://{bucket}.s3.amazonaws.com", $"https://{bucket}.s3.ca-central-1.amazonaws.com"], sources);
    }

    [Theory]
    [InlineData("web-client")]
    [InlineData("backend-api")]
    public void Public_services_believe_forwarded_headers_from_the_vpc_only(string service)
    {
        var environment = app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]![0]!["Environment"]!.AsArray();
        var networks = environment.Where(e => ((string?)e!["Name"])!.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal)).ToList();

        // The VPC's own range, which holds the load balancers and nothing from outside.
        var network = (string?)Assert.Single(networks)!["Value"];
        var vpc = Assert.Single(app.ProdJson.Resources("AWS::EC2::VPC"));
        Assert.Equal((string?)vpc.Properties["CidrBlock"], network);
    }

    [Fact]
    public void Every_web_task_reads_one_key_ring_in_the_document_bucket()
    {
        var environment = app.ProdJson.TaskDefinition(TemplateJson.Family("web-client"))["ContainerDefinitions"]![0]!["Environment"]!.AsArray();
        string Value(string name) => environment.Single(e => (string?)e!["Name"] == name)!["Value"]!.ToJsonString();

        var bucket = app.ProdJson.Resources("AWS::S3::Bucket")
            .Single(b => ((string?)b.Properties["BucketName"])!.Contains("documents", StringComparison.Ordinal));

        // Named, not referenced: the web stack takes nothing from the backend stack for it.
        Assert.Equal(bucket.Properties["BucketName"]!.ToJsonString(), Value("DataProtection__BucketName"));
        Assert.Equal("\"data-protection/web/\"", Value("DataProtection__Prefix"));
        Assert.DoesNotContain(environment, e => (string?)e!["Name"] == "DataProtection__KeysPath");
    }

    [Fact]
    public void The_database_password_reaches_the_backend_as_an_ecs_secret()
    {
        foreach (var service in new[] { "backend-api", "telemetry", "notifier" })
        {
            var secrets = app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]![0]!["Secrets"]!.AsArray();
            var password = secrets.Single(s => (string?)s!["Name"] == "PGPASSWORD")!;
            Assert.Contains(":password::", password["ValueFrom"]!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every AWS client of a service (S3, DynamoDB, the hand-written ones) reads its region from <c>Aws:Region</c>, whose
    /// appsettings default is the local emulators' us-east-1; no feature section carries a region of its own.
    /// </summary>
    [Theory]
    [InlineData("backend-api")]
    [InlineData("telemetry")]
    [InlineData("web-client")]
    public void Aws_clients_use_the_stacks_region_not_the_local_default(string service)
    {
        var environment = app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]![0]!["Environment"]!.AsArray();
        var names = environment.Select(e => (string?)e!["Name"]).ToList();

        Assert.Equal("ca-central-1", (string?)environment.Single(e => (string?)e!["Name"] == "Aws__Region")!["Value"]);
        Assert.DoesNotContain(names, n => n!.EndsWith("__Region", StringComparison.Ordinal) && n != "Aws__Region");
    }
}
