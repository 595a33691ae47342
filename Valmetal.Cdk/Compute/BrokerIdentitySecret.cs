using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// The client certificate a backend service presents to IoT Core (its CN is the client id the IoT policy allows).
/// Created empty; operations store the PEMs of the certificate registered in IoT Core (docs/deployment.md).
/// </summary>
public sealed class BrokerIdentitySecret : Construct
{
    public const string CertificateField = "certificatePem";
    public const string PrivateKeyField = "privateKeyPem";

    public Secret Secret { get; }

    public BrokerIdentitySecret(Construct scope, string id, DeploymentSettings settings, ServiceKind service)
        : base(scope, id)
    {
        Secret = new Secret(this, "Secret", new SecretProps
        {
            SecretName = $"{new ResourceNames(settings.EnvironmentName).Prefix}/broker/{service.Slug()}",
            Description = $"MQTT client certificate and key of {service.Slug()} for IoT Core",
            GenerateSecretString = new SecretStringGenerator
            {
                SecretStringTemplate = $$"""{"{{CertificateField}}":"","{{PrivateKeyField}}":""}""",
                GenerateStringKey = "unused",
            },
        });
    }

    public IDictionary<string, Amazon.CDK.AWS.ECS.Secret> AsContainerSecrets() => new Dictionary<string, Amazon.CDK.AWS.ECS.Secret>
    {
        ["Broker__CertificatePem"] = Amazon.CDK.AWS.ECS.Secret.FromSecretsManager(Secret, CertificateField),
        ["Broker__PrivateKeyPem"] = Amazon.CDK.AWS.ECS.Secret.FromSecretsManager(Secret, PrivateKeyField),
    };
}
