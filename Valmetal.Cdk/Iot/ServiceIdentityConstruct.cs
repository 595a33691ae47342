using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Valmetal.Cdk.Configuration;
using CfnPolicy = Amazon.CDK.AWS.IoT.CfnPolicy;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Valmetal.Cdk.Iot;

/// <summary>
/// A backend service's one broker identity, which all its tasks present: a certificate made by IoT Core with the
/// service's policy attached, its PEMs kept in a secret. The deployment makes it (<see cref="ServiceIdentityProvisioner"/>),
/// so a fresh account reaches steady state with no step by hand; a service that depends on this resource starts its
/// tasks only once the secret holds the certificate.
/// </summary>
public sealed class ServiceIdentityConstruct : Construct
{
    public const string CertificateField = "certificatePem";
    public const string PrivateKeyField = "privateKeyPem";

    public Secret Secret { get; }

    public ServiceIdentityConstruct(Construct scope, string id, DeploymentSettings settings, ServiceKind service,
        CfnPolicy policy, ServiceIdentityProvisioner provisioner)
        : base(scope, id)
    {
        // Holds a random placeholder until the provisioner writes the certificate over it, before any task reads it.
        Secret = new Secret(this, "Secret", new SecretProps
        {
            SecretName = $"{new ResourceNames(settings.EnvironmentName).Prefix}/broker/{service.Slug()}",
            Description = $"MQTT client certificate and key of {service.Slug()} for IoT Core, made by the deployment",
        });
        provisioner.Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["secretsmanager:PutSecretValue"],
            Resources = [Secret.SecretArn],
        }));

        var certificate = new CustomResource(this, "Certificate", new CustomResourceProps
        {
            ServiceToken = provisioner.Function.FunctionArn,
            ResourceType = "Custom::ServiceBrokerIdentity",
            Properties = new Dictionary<string, object>
            {
                ["PolicyName"] = policy.PolicyName!,
                ["SecretId"] = Secret.SecretArn,
            },
        });
        certificate.Node.AddDependency(policy);
        Certificate = certificate;
    }

    /// <summary>What services depend on: the certificate is in the secret once this resource exists.</summary>
    public CustomResource Certificate { get; }

    public IDictionary<string, EcsSecret> AsContainerSecrets() => new Dictionary<string, EcsSecret>
    {
        ["Broker__CertificatePem"] = EcsSecret.FromSecretsManager(Secret, CertificateField),
        ["Broker__PrivateKeyPem"] = EcsSecret.FromSecretsManager(Secret, PrivateKeyField),
    };
}
