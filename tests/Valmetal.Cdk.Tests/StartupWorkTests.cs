using System.Text.Json.Nodes;
using Valmetal.Cdk.Compute;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// Migrations, seeding and the revocation list run once per release, as a one-off task of the API's task definition,
/// before the API and telemetry roll; the function that starts it may do that and nothing else.
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class StartupWorkTests(SynthesizedApp app)
{
    [Fact]
    public void The_release_runs_migrate_in_the_apis_new_task_definition_before_api_and_telemetry_roll()
    {
        var work = Assert.Single(app.ProdJson.Resources(StartupWorkConstruct.ResourceType));
        var apiTaskDefinition = app.ProdJson.Resources("AWS::ECS::TaskDefinition").Single(t => (string?)t.Properties["Family"] == TemplateJson.Family("backend-api")).Id;

        Assert.Equal(apiTaskDefinition, TemplateJson.Target(work.Properties["TaskDefinition"]));
        Assert.Equal("backend-api", (string?)work.Properties["ContainerName"]);
        Assert.Equal(["migrate"], work.Properties["Command"]!.AsArray().Select(c => (string?)c));
        foreach (var service in new[] { "backend-api", "telemetry" })
        {
            var dependsOn = app.ProdJson.Resource(app.ProdJson.ServiceId(TemplateJson.Family(service)))["DependsOn"]!.AsArray().Select(d => (string?)d);
            Assert.Contains(work.Id, dependsOn);
        }

        // The task reaches PostgreSQL as the API does, and reads the API's broker identity, which must exist first.
        var apiSecurityGroups = app.ProdJson.Resource(app.ProdJson.ServiceId(TemplateJson.Family("backend-api")))["Properties"]!["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]!
            .AsArray().Select(g => TemplateJson.JoinedText(g!));
        Assert.Equal(apiSecurityGroups, work.Properties["SecurityGroups"]!.AsArray().Select(g => TemplateJson.JoinedText(g!)));
        var workDependsOn = app.ProdJson.Resource(work.Id)["DependsOn"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.Contains(Assert.Single(app.ProdJson.Resources("Custom::ServiceBrokerIdentity"), i => i.Id.StartsWith("ApiBrokerIdentity", StringComparison.Ordinal)).Id, workDependsOn);
        Assert.Contains(Assert.Single(app.ProdJson.Resources("AWS::RDS::DBInstance")).Id, workDependsOn);
    }

    [Fact]
    public void The_function_may_run_only_the_apis_family_in_its_cluster_and_pass_only_its_roles()
    {
        var function = Assert.Single(app.ProdJson.Resources("AWS::Lambda::Function"),
            f => (string?)f.Properties["Handler"] == "migrations.handler");
        var role = TemplateJson.Target(function.Properties["Role"])!;
        var statements = app.ProdJson.Resources("AWS::IAM::Policy")
            .Where(p => p.Properties["Roles"]!.AsArray().Any(r => TemplateJson.Target(r) == role))
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()))
            .ToDictionary(s => s["Action"] is JsonArray a ? string.Join(',', a.Select(x => (string)x!)) : (string)s["Action"]!);

        Assert.Equal(["ecs:DescribeTasks", "ecs:RunTask", "iam:PassRole", "logs:CreateLogStream,logs:PutLogEvents"], statements.Keys.Order());
        Assert.EndsWith($":task-definition/{TemplateJson.Family("backend-api")}:*", TemplateJson.JoinedText(statements["ecs:RunTask"]["Resource"]!), StringComparison.Ordinal);
        Assert.Contains("ecs:cluster", statements["ecs:RunTask"]["Condition"]!.ToJsonString(), StringComparison.Ordinal);
        var passed = statements["iam:PassRole"]["Resource"]!.AsArray().Select(TemplateJson.Target).Order().ToList();
        var apiRoles = app.ProdJson.Resources("AWS::IAM::Role")
            .Where(r => ((string?)r.Properties["RoleName"])?.StartsWith(TemplateJson.Family("backend-api") + "-", StringComparison.Ordinal) == true)
            .Select(r => (string?)r.Id).Order().ToList();
        Assert.Equal(apiRoles, passed);
        Assert.Equal("ecs-tasks.amazonaws.com", (string?)statements["iam:PassRole"]["Condition"]!["StringEquals"]!["iam:PassedToService"]);
    }
}
