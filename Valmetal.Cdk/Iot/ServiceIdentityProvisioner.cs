using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using Valmetal.Cdk.Compute;
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
        Function = new CustomResourceFunction(this, "Handler", settings, "service-identity.handler",
            "Makes the backend services' IoT Core certificates and stores them in their secrets", Duration.Minutes(1)).Function;
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
    }
}
