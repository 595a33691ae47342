using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.IoT;
using CfnPolicy = Amazon.CDK.AWS.IoT.CfnPolicy;
using CfnPolicyProps = Amazon.CDK.AWS.IoT.CfnPolicyProps;
using Constructs;
using Valmetal.Cdk.Configuration;
using Valmetal.DeviceContract.Access;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.Cdk.Iot;

/// <summary>IoT Core in place of the local Mosquitto: thing types, the device and service policies, logging.</summary>
public sealed class IotConstruct : Construct
{
    public CfnPolicy DevicePolicy { get; }

    public CfnPolicy TelemetryPolicy { get; }

    public CfnPolicy ApiPolicy { get; }

    public IotConstruct(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        var stack = Stack.Of(this);

        foreach (var kind in Enum.GetValues<EquipmentKind>())
        {
            _ = new CfnThingType(this, $"ThingType-{kind}", new CfnThingTypeProps
            {
                ThingTypeName = ThingTypes.Name(names.Prefix, kind),
                ThingTypeProperties = new CfnThingType.ThingTypePropertiesProperty
                {
                    ThingTypeDescription = $"Valmetal {kind} equipment ({settings.EnvironmentName})",
                    SearchableAttributes = ["model", "farmId"],
                },
            });
        }

        // Attached to every device certificate at registration: a device is its thing name and nothing else.
        DevicePolicy = Policy("DevicePolicy", DevicePolicyName(names), BrokerAccessRules.Device, stack);
        // Attached to each service's one certificate, which every task of the service presents (ServiceIdentityConstruct).
        TelemetryPolicy = Policy("TelemetryPolicy", names.Of("telemetry-broker"), BrokerAccessRules.Telemetry, stack);
        ApiPolicy = Policy("ApiPolicy", names.Of("backend-api-broker"), BrokerAccessRules.Api, stack);

        var loggingRole = new Role(this, "LoggingRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("iot.amazonaws.com"),
            Description = "IoT Core writes its connection and authorization logs",
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["logs"] = new(new PolicyDocumentProps
                {
                    Statements =
                    [
                        new PolicyStatement(new PolicyStatementProps
                        {
                            Actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                            // IoT Core names its own log group (AWSIotLogsV2) and one stream per event source.
                            Resources = [$"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:AWSIotLogsV2:*"],
                        }),
                    ],
                }),
            },
        });
        _ = new CfnLogging(this, "Logging", new CfnLoggingProps
        {
            AccountId = stack.Account,
            RoleArn = loggingRole.RoleArn,
            DefaultLogLevel = settings.IsProduction ? "WARN" : "INFO",
        });
    }

    /// <summary>The device policy's name, which the API's registry attaches to every device certificate it makes.</summary>
    public static string DevicePolicyName(ResourceNames names) => names.Of("device");

    private CfnPolicy Policy(string id, string name, BrokerPrincipal principal, Stack stack) =>
        new(this, id, new CfnPolicyProps
        {
            PolicyName = name,
            PolicyDocument = IotPolicyDocument.From(principal, stack),
        });
}
