using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Constructs;
using Valmetal.Cdk.Compute;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Data;
using Valmetal.Cdk.Identity;
using Valmetal.Cdk.Iot;
using Valmetal.Cdk.Network;
using Valmetal.Cdk.Observability;
using Valmetal.Cdk.Security;

namespace Valmetal.Cdk;

/// <summary>
/// The AppHost's composition on AWS, read top to bottom like Valmetal.AppHost/AppHost.cs: network and data
/// first, then identity and IoT Core, then the three services. Only wiring here; each concern is a construct.
/// </summary>
public sealed class ValmetalStack : Stack
{
    private readonly DeploymentSettings _settings;

    public ValmetalStack(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id, new StackProps
        {
            Env = settings.AwsEnvironment,
            Description = $"Valmetal Connect ({settings.EnvironmentName}): services, data, identity and IoT Core",
            TerminationProtection = settings.IsProduction,
        })
    {
        _settings = settings;
        var network = new NetworkConstruct(this, "Network", settings);
        var accessLogs = new AccessLogsBucket(this, "AccessLogs", settings);

        var database = new DatabaseConstruct(this, "Database", settings, network.Vpc);
        var deviceState = new DeviceStateTableConstruct(this, "DeviceState", settings);
        var documents = new DocumentBucketConstruct(this, "Documents", settings, accessLogs.Bucket);
        if (settings.UseTimestream)
        {
            _ = new TimestreamConstruct(this, "Timestream", settings);
        }

        var users = new UserPoolConstruct(this, "Identity", settings);
        _ = new IotConstruct(this, "Iot", settings);

        var clusters = new ClustersConstruct(this, "Clusters", settings, network.Vpc);
        var environments = new ServiceEnvironments(settings, database, deviceState, documents, users);
        var services = new ServiceFactory(this, settings, network.Vpc, accessLogs.Bucket);

        var apiBroker = new BrokerIdentitySecret(this, "ApiBrokerIdentity", settings, ServiceKind.BackendApi);
        var api = services.Public(ServiceKind.BackendApi, clusters.Backend, environments.Api(network.Vpc.VpcCidrBlock),
            Merge(environments.DatabaseSecrets(), apiBroker.AsContainerSecrets()), stickySessions: false);
        ServicePermissions.GrantApi(api.TaskRole, deviceState.Table, documents.Bucket, users.UserPool);
        database.AllowFrom(api.Service);

        var telemetryBroker = new BrokerIdentitySecret(this, "TelemetryBrokerIdentity", settings, ServiceKind.Telemetry);
        var telemetry = services.Worker(ServiceKind.Telemetry, clusters.Backend, environments.Telemetry(MetricsCollectorSidecar.OtlpEndpoint),
            Merge(environments.DatabaseSecrets(), telemetryBroker.AsContainerSecrets()));
        ServicePermissions.GrantTelemetry(telemetry.TaskRole, deviceState.Table);
        database.AllowFrom(telemetry.Service);

        // The web client reaches the API over HTTPS like any browser would; its only grant is its key ring's prefix.
        var web = services.Public(ServiceKind.WebClient, clusters.Web, environments.Web(network.Vpc.VpcCidrBlock), new Dictionary<string, Secret>(), stickySessions: true);
        documents.Bucket.GrantReadWrite(web.TaskRole, DocumentBucketConstruct.KeyRingPrefix + "*");

        StackTags.Apply(this, settings);
    }

    /// <summary>
    /// Named, not looked up: the default asks the account for its zones, which needs credentials at synthesis.
    /// </summary>
    public static string[] ZonesOf(DeploymentSettings settings) => [$"{settings.Region}a", $"{settings.Region}b"];

    public override string[] AvailabilityZones => ZonesOf(_settings);

    private static Dictionary<string, Secret> Merge(IDictionary<string, Secret> first, IDictionary<string, Secret> second) =>
        first.Concat(second).ToDictionary(p => p.Key, p => p.Value);
}
