using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// A release's one-shot start-up work (migrations, seeding), run by the deployment itself as one
/// task of the API's task definition with the command <see cref="Command"/>, before the services that read the schema
/// roll (CustomResources/migrations.mjs). Every new task definition runs it again; a failure stops the deploy before
/// any task of the release starts. Locally the AppHost's <c>migrator</c> resource runs the same command.
/// </summary>
public sealed class StartupWorkConstruct : Construct
{
    /// <summary>
    /// Valmetal.Api's DatabaseStartup.StartupWorkCommand: the container's command, which the image's exec-form
    /// ENTRYPOINT (<c>dotnet Valmetal.Api.dll</c>, deploy/docker/api.Dockerfile) receives as its argument.
    /// </summary>
    public const string Command = "migrate";

    public const string ResourceType = "Custom::StartupWork";

    /// <summary>What the services depend on: the release's start-up work is done once this resource exists.</summary>
    public CustomResource Completed { get; }

    public StartupWorkConstruct(Construct scope, string id, DeploymentSettings settings, ICluster cluster, IVpc vpc, FargateServiceConstruct api)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var handler = new CustomResourceFunction(this, "Handler", settings, "migrations.handler",
            "Runs the API's start-up work as a one-off ECS task before a release's tasks start",
            // Lambda's limit: the handler reports a task still running 30 s before it, as a failure.
            Duration.Minutes(15));
        // Any revision of the API's family, in this cluster only: the revision changes with every release.
        var clusterCondition = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["ecs:cluster"] = cluster.ClusterArn } };
        handler.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecs:RunTask"],
            Resources = [$"arn:{stack.Partition}:ecs:{stack.Region}:{stack.Account}:task-definition/{api.TaskDefinition.Family}:*"],
            Conditions = clusterCondition,
        }));
        handler.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecs:DescribeTasks"],
            Resources = [$"arn:{stack.Partition}:ecs:{stack.Region}:{stack.Account}:task/{cluster.ClusterName}/*"],
            Conditions = clusterCondition,
        }));
        handler.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["iam:PassRole"],
            Resources = [api.TaskDefinition.TaskRole.RoleArn, api.TaskDefinition.ExecutionRole!.RoleArn],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ecs-tasks.amazonaws.com" } },
        }));

        Completed = new CustomResource(this, "Run", new CustomResourceProps
        {
            ServiceToken = handler.Function.FunctionArn,
            ResourceType = ResourceType,
            Properties = new Dictionary<string, object>
            {
                ["Cluster"] = cluster.ClusterArn,
                ["TaskDefinition"] = api.TaskDefinition.TaskDefinitionArn,
                ["ContainerName"] = api.Container.ContainerName,
                ["Command"] = new[] { Command },
                ["Subnets"] = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).SubnetIds,
                ["SecurityGroups"] = api.Service.Connections.SecurityGroups.Select(group => group.SecurityGroupId).ToArray(),
            },
        });
    }
}
