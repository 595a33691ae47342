using System.Text.Json.Nodes;
using Valmetal.TestSupport;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The custom resource that runs a release's start-up work (Valmetal.Cdk/CustomResources/migrations.mjs), run by
/// tests/aws-parity/startup-work.mjs with AWS's own ECS client against a capture server: the calls as AWS's SDK puts
/// them on the wire. Its run in a real account (the task, its network, its permissions) is verified by AWS only.
/// </summary>
public sealed class StartupWorkHandlerTests
{
    [Fact]
    public async Task An_update_runs_migrate_in_the_new_task_definition_waits_for_it_and_reports_success()
    {
        var calls = await RunAsync(exitCode: 0, startFails: false);

        Assert.Equal(["AmazonEC2ContainerServiceV20141113.RunTask", "AmazonEC2ContainerServiceV20141113.DescribeTasks",
            "AmazonEC2ContainerServiceV20141113.DescribeTasks", "PUT /cloudformation"], calls.Select(Describe));
        var run = Body(calls[0]);
        Assert.Equal("arn:aws:ecs:ca-central-1:333333333333:task-definition/valmetal-prod-api:42", (string?)run["taskDefinition"]);
        Assert.Equal("FARGATE", (string?)run["launchType"]);
        var container = run["overrides"]!["containerOverrides"]![0]!;
        Assert.Equal("api", (string?)container["name"]);
        Assert.Equal(["migrate"], container["command"]!.AsArray().Select(c => (string?)c));
        var network = run["networkConfiguration"]!["awsvpcConfiguration"]!;
        Assert.Equal("DISABLED", (string?)network["assignPublicIp"]);
        Assert.Equal(["sg-api"], network["securityGroups"]!.AsArray().Select(g => (string?)g));
        var response = Body(calls[^1]);
        Assert.Equal("SUCCESS", (string?)response["Status"]);
        Assert.Equal("startup-work", (string?)response["PhysicalResourceId"]);
    }

    [Fact]
    public async Task A_task_that_exits_with_an_error_fails_the_deploy_with_its_exit_code()
    {
        var calls = await RunAsync(exitCode: 3, startFails: false);

        var response = Body(calls[^1]);
        Assert.Equal("FAILED", (string?)response["Status"]);
        Assert.Contains("exit code 3", (string?)response["Reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_ecs_cannot_start_fails_the_deploy_with_ecs_reason()
    {
        var calls = await RunAsync(exitCode: 0, startFails: true);

        Assert.Equal(["AmazonEC2ContainerServiceV20141113.RunTask", "PUT /cloudformation"], calls.Select(Describe));
        var response = Body(calls[^1]);
        Assert.Equal("FAILED", (string?)response["Status"]);
        Assert.Contains("RESOURCE:ENI", (string?)response["Reason"], StringComparison.Ordinal);
    }

    private static async Task<List<JsonObject>> RunAsync(int exitCode, bool startFails) =>
        [.. JsonNode.Parse(await NodeScript.RunAsync("startup-work.mjs", $$"""{"exitCode":{{exitCode}},"startFails":{{(startFails ? "true" : "false")}}}"""))!
            .AsArray().Select(c => c!.AsObject())];

    private static string Describe(JsonObject call) => call["target"] is JsonValue target ? (string)target! : $"{call["method"]} {call["path"]}";

    private static JsonObject Body(JsonObject call) => JsonNode.Parse((string)call["body"]!)!.AsObject();
}
