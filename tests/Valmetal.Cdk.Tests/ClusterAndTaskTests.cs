using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Valmetal.Cdk.Tests;

/// <summary>docs/design.md §2: API, telemetry and the notifier in one cluster, web in another, Fargate only; one family and two roles per service.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class ClusterAndTaskTests(SynthesizedApp app)
{
    private static readonly string[] Services = ["backend-api", "web-client", "telemetry", "notifier"];

    [Fact]
    public void Api_telemetry_and_notifier_share_the_backend_cluster_and_the_web_client_runs_alone_in_its_own()
    {
        var clusters = app.ProdJson.Resources("AWS::ECS::Cluster").ToDictionary(c => (string)c.Properties["ClusterName"]!, c => c.Id);
        Assert.Equal(2, clusters.Count);
        string ClusterOf(string service) => TemplateJson.Target(app.ProdJson.Service(TemplateJson.Family(service))["Cluster"])!;

        Assert.Equal(clusters["valmetal-prod-backend"], ClusterOf("backend-api"));
        Assert.Equal(clusters["valmetal-prod-backend"], ClusterOf("telemetry"));
        Assert.Equal(clusters["valmetal-prod-backend"], ClusterOf("notifier"));
        Assert.Equal(clusters["valmetal-prod-web"], ClusterOf("web-client"));
    }

    [Fact]
    public void Clusters_offer_Fargate_only_and_have_container_insights_on()
    {
        foreach (var (_, associations) in app.ProdJson.Resources("AWS::ECS::ClusterCapacityProviderAssociations"))
        {
            Assert.All(associations["CapacityProviders"]!.AsArray(), p => Assert.StartsWith("FARGATE", (string?)p));
        }

        // One cluster per application stack: backend (API, telemetry, notifier) and web.
        Assert.All(app.ProdApplicationStacks, stack => stack.ResourcePropertiesCountIs("AWS::ECS::Cluster", new Dictionary<string, object>
        {
            ["ClusterSettings"] = new[] { new Dictionary<string, object> { ["Name"] = "containerInsights", ["Value"] = "enabled" } },
        }, 1));
        Assert.All(app.ProdJson.Resources("AWS::ECS::TaskDefinition"), t =>
            Assert.Equal(["FARGATE"], t.Properties["RequiresCompatibilities"]!.AsArray().Select(c => (string?)c)));
        Assert.All(app.ProdJson.Resources("AWS::ECS::Service"), s =>
            Assert.Equal("FARGATE", (string?)s.Properties["CapacityProviderStrategy"]![0]!["CapacityProvider"]));
        app.Prod.ResourceCountIs("AWS::AutoScaling::AutoScalingGroup", 0);
    }

    [Fact]
    public void Task_definition_families_are_named_per_environment()
    {
        var families = app.ProdJson.Resources("AWS::ECS::TaskDefinition").Select(t => (string?)t.Properties["Family"]).Order();
        Assert.Equal(Services.Select(TemplateJson.Family).Order(), families);
    }

    [Fact]
    public void Each_family_has_its_own_task_role_and_execution_role()
    {
        var roles = Services.Select(s => app.ProdJson.TaskDefinition(TemplateJson.Family(s))).SelectMany(t => new[]
        {
            TemplateJson.Target(t["TaskRoleArn"]),
            TemplateJson.Target(t["ExecutionRoleArn"]),
        }).ToList();

        Assert.DoesNotContain(null, roles);
        Assert.Equal(Services.Length * 2, roles.Distinct().Count());
    }

    [Fact]
    public void Every_task_sets_cpu_and_memory()
    {
        foreach (var service in Services)
        {
            var task = app.ProdJson.TaskDefinition(TemplateJson.Family(service));
            Assert.True(int.Parse((string)task["Cpu"]!, System.Globalization.CultureInfo.InvariantCulture) >= 256, service);
            Assert.True(int.Parse((string)task["Memory"]!, System.Globalization.CultureInfo.InvariantCulture) >= 512, service);
        }
    }

    [Fact]
    public void Containers_run_as_a_non_root_user_on_a_read_only_root_filesystem()
    {
        foreach (var container in Containers())
        {
            var user = (string?)container["User"];
            Assert.False(string.IsNullOrEmpty(user) || user is "root" or "0" || user.StartsWith("0:", StringComparison.Ordinal), $"{container["Name"]} runs as root");
            Assert.True((bool?)container["ReadonlyRootFilesystem"], $"{container["Name"]} can write its root filesystem");
        }
    }

    [Fact]
    public void Containers_have_health_checks()
    {
        Assert.All(Containers(), c => Assert.NotEmpty(c["HealthCheck"]!["Command"]!.AsArray()));
    }

    [Fact]
    public void Containers_log_to_CloudWatch_groups_with_finite_retention()
    {
        Assert.All(Containers(), c => Assert.Equal("awslogs", (string?)c["LogConfiguration"]!["LogDriver"]));
        var groups = app.ProdJson.Resources("AWS::Logs::LogGroup").ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.True((int?)g.Properties["RetentionInDays"] > 0, $"{g.Id} keeps logs forever"));
    }

    [Fact]
    public void Service_images_come_from_the_environments_repositories_tagged_with_the_git_sha()
    {
        foreach (var service in Services)
        {
            var image = app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]![0]!["Image"]!.ToJsonString();
            Assert.Contains($"valmetal-prod/{service}:{SynthesizedApp.GitSha}", image, StringComparison.Ordinal);
        }
    }

    private IEnumerable<JsonObject> Containers() =>
        app.ProdJson.Resources("AWS::ECS::TaskDefinition").SelectMany(t => t.Properties["ContainerDefinitions"]!.AsArray().Select(c => c!.AsObject()));
}
