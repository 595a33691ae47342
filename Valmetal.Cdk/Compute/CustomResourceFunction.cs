using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// A Lambda function behind the stacks' CloudFormation custom resources (handlers in CustomResources/, on the Node.js
/// runtime, which includes AWS SDK for JavaScript v3). A role of its own rather than Lambda's default one, which
/// carries the AWS-managed basic execution policy: it may write its own log group, and each caller grants the rest.
/// </summary>
public sealed class CustomResourceFunction : Construct
{
    public Function Function { get; }

    public Role Role { get; }

    /// <param name="handler">The module and export, such as <c>migrations.handler</c>.</param>
    public CustomResourceFunction(Construct scope, string id, DeploymentSettings settings, string handler, string purpose, Duration timeout)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_YEAR,
            RemovalPolicy = settings.IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = purpose,
        });
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [logs.LogGroupArn],
        }));
        Function = new Function(this, "Function", new FunctionProps
        {
            // Named here: the CDK version this project builds with predates the constant for it.
            Runtime = new Runtime("nodejs24.x", RuntimeFamily.NODEJS),
            Role = Role,
            Handler = handler,
            Code = Code.FromAsset(Path.Combine(AppContext.BaseDirectory, "CustomResources")),
            Timeout = timeout,
            MemorySize = 256,
            LogGroup = logs,
            Description = $"{purpose} (CloudFormation custom resource)",
        });

        // CDK makes the function depend on its role, which the Role property already does (cfn-lint W3005); the
        // dependency that matters is on the role's policy, so that the function has its permissions when it runs.
        var policy = (Amazon.CDK.AWS.IAM.CfnPolicy)Role.Node.FindChild("DefaultPolicy").Node.DefaultChild!;
        ((CfnFunction)Function.Node.DefaultChild!).AddOverride("DependsOn", new[] { stack.GetLogicalId(policy) });
    }
}
