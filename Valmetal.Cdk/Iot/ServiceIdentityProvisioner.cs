using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Iot;

/// <summary>
/// The function behind <see cref="ServiceIdentityConstruct"/> (CustomResources/service-identity.mjs), one per stack. It may make
/// certificates, attach and detach policies on them and delete them, and write the identity secrets (each
/// <see cref="ServiceIdentityConstruct"/> grants its own); nothing else.
/// </summary>
public sealed class ServiceIdentityProvisioner : Construct
{
    public Function Function { get; }

    public ServiceIdentityProvisioner(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_YEAR,
            RemovalPolicy = settings.IsProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        // A role of its own rather than the default one, which carries the AWS-managed basic execution policy: the
        // function writes its own log group and nothing else.
        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Makes the backend services' IoT Core certificates and stores them in their secrets",
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [logs.LogGroupArn],
        }));
        Function = new Function(this, "Function", new FunctionProps
        {
            // Named here: the CDK version this project builds with predates the constant for it.
            Runtime = new Runtime("nodejs24.x", RuntimeFamily.NODEJS),
            Role = role,
            Handler = "service-identity.handler",
            Code = Code.FromAsset(Path.Combine(AppContext.BaseDirectory, "CustomResources")),
            Timeout = Duration.Minutes(1),
            MemorySize = 256,
            LogGroup = logs,
            Description = "Makes the backend services' IoT Core certificates (CloudFormation custom resource)",
        });
        // CreateKeysAndCertificate has no resource to name; the certificate's id is known only once it exists, and
        // (Attach|Detach)Policy are authorized on their target, the certificate.
        Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["iot:CreateKeysAndCertificate"],
            Resources = ["*"],
        }));
        Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["iot:AttachPolicy", "iot:DetachPolicy", "iot:UpdateCertificate", "iot:DeleteCertificate"],
            Resources = [IotArn.Of(stack, "cert", "*")],
        }));

        // CDK makes the function depend on its role, which the Role property already does (cfn-lint W3005); the
        // dependency that matters is on the role's policy, so that the function has its permissions when it runs.
        var policy = (Amazon.CDK.AWS.IAM.CfnPolicy)role.Node.FindChild("DefaultPolicy").Node.DefaultChild!;
        ((CfnFunction)Function.Node.DefaultChild!).AddOverride("DependsOn", new[] { stack.GetLogicalId(policy) });
    }
}
