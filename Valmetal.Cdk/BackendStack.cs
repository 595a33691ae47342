using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Constructs;
using Valmetal.Cdk.Compute;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Data;
using Valmetal.Cdk.Identity;
using Valmetal.Cdk.Iot;
using Valmetal.Cdk.Network;
using Valmetal.Cdk.Notifications;
using Valmetal.Cdk.Observability;
using Valmetal.Cdk.Security;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Cdk;

/// <summary>
/// Everything but the web client, read top to bottom like Valmetal.AppHost/AppHost.cs: network and data first,
/// then identity and IoT Core, then the API, telemetry and the notifier in the backend cluster, then what watches them.
/// Only wiring here; each concern is a construct. The web stack takes the VPC and the user pool's ids from here.
/// </summary>
public sealed class BackendStack : ApplicationStack
{
    public NetworkConstruct Network { get; }

    public UserPoolConstruct Users { get; }

    public BackendStack(Construct scope, string id, DeploymentSettings settings)
        : base(scope, id, settings, "network, data, identity, IoT Core, API, telemetry and notifier")
    {
        Network = new NetworkConstruct(this, "Network", settings);
        var accessLogs = new AccessLogsBucket(this, "AccessLogs", settings, "access-logs");

        var database = new DatabaseConstruct(this, "Database", settings, Network.Vpc);
        var deviceState = new DeviceStateTableConstruct(this, "DeviceState", settings);
        var documents = new DocumentBucketConstruct(this, "Documents", settings, accessLogs.Bucket);
        var archive = new ArchiveConstruct(this, "Archive", settings, accessLogs.Bucket);
        var timestream = settings.UsesTimestream ? new TimestreamTableConstruct(this, "TimeSeries", settings) : null;

        Users = new UserPoolConstruct(this, "Identity", settings);
        var iot = new IotConstruct(this, "Iot", settings);
        var identities = new ServiceIdentityProvisioner(this, "ServiceIdentities", settings);

        var alarmTopic = AlarmTopic.Create(this, "AlarmTopic", settings);
        var cluster = ServiceCluster.Create(this, "BackendCluster", settings, ServiceKind.BackendApi, Network.Vpc);
        var environments = new ServiceEnvironments(settings, database, deviceState, documents, archive, Users, timestream);
        var services = new ServiceFactory(this, settings, Network.Vpc, accessLogs.Bucket, alarmTopic);

        var apiBroker = new ServiceIdentityConstruct(this, "ApiBrokerIdentity", settings, ServiceKind.BackendApi, iot.ApiPolicy, identities);
        // The web app calls the API from its tasks, through the NAT gateways: its users' requests all come from there.
        var api = services.Public(ServiceKind.BackendApi, cluster, environments.Api(),
            Merge(environments.DatabaseSecrets(), apiBroker.AsContainerSecrets()), stickySessions: false, Network.NatAddresses);
        api.Service.Service.Node.AddDependency(apiBroker.Certificate);
        ServicePermissions.GrantApi(api.Service.TaskRole, deviceState.Table, documents.Bucket, Users.UserPool);
        ServicePermissions.GrantDeviceRegistry(api.Service.TaskRole, new ResourceNames(settings.EnvironmentName).Prefix);
        ServicePermissions.GrantArchiveReader(api.Service.TaskRole, archive.Bucket, RawArchive.Prefix);
        if (timestream is not null)
        {
            ServicePermissions.GrantTimestreamReader(api.Service.TaskRole, timestream.TableArn);
        }

        database.AllowFrom(api.Service.Service);

        // Migrations and seeding, once per release, before the API, telemetry and notifier tasks roll. The
        // task reaches the database through the API's security group and reads the API's secrets, identity included.
        var startupWork = new StartupWorkConstruct(this, "StartupWork", settings, cluster, Network.Vpc, api.Service);
        startupWork.Completed.Node.AddDependency(database);
        startupWork.Completed.Node.AddDependency(apiBroker.Certificate);
        // On the ECS service resource itself: the service's security group, which the task uses, sits under its construct.
        api.Service.Service.Node.DefaultChild!.Node.AddDependency(startupWork.Completed);

        var telemetryBroker = new ServiceIdentityConstruct(this, "TelemetryBrokerIdentity", settings, ServiceKind.Telemetry, iot.TelemetryPolicy, identities);
        var telemetry = services.Worker(ServiceKind.Telemetry, cluster, environments.Telemetry(),
            Merge(environments.DatabaseSecrets(), telemetryBroker.AsContainerSecrets()), watchesIngestLag: true);
        telemetry.Service.Node.AddDependency(telemetryBroker.Certificate);
        telemetry.Service.Node.DefaultChild!.Node.AddDependency(startupWork.Completed);
        ServicePermissions.GrantTelemetry(telemetry.TaskRole, deviceState.Table);
        ServicePermissions.GrantArchiveWriter(telemetry.TaskRole, archive.Bucket, RawArchive.Prefix);
        if (timestream is not null)
        {
            ServicePermissions.GrantTimestreamWriter(telemetry.TaskRole, timestream.TableArn);
        }

        database.AllowFrom(telemetry.Service);

        // The notifier reads the outbox telemetry writes, so it too starts once the release's migrations are done.
        var notifications = new NotificationsConstruct(this, "Notifications", settings);
        var notifier = services.Worker(ServiceKind.Notifier, cluster, environments.Notifier(),
            Merge(environments.DatabaseSecrets(), notifications.AsContainerSecrets()));
        notifier.Service.Node.DefaultChild!.Node.AddDependency(startupWork.Completed);
        ServicePermissions.GrantEmailSending(notifier.TaskRole, notifications.Identity.EmailIdentityArn,
            notifications.ConfigurationSetArn, NotificationsConstruct.FromAddress(settings));
        ServicePermissions.GrantSmsSending(notifier.TaskRole);
        database.AllowFrom(notifier.Service);

        // Read by the staging smoke test (deploy/smoke-test-device.sh), which signs in as the web app does.
        _ = new CfnOutput(this, "UserPoolId", new CfnOutputProps { Value = Users.UserPool.UserPoolId });
        _ = new CfnOutput(this, "UserPoolClientId", new CfnOutputProps { Value = Users.WebClient.UserPoolClientId });

        _ = new IotAlarmsConstruct(this, "IotAlarms", settings, alarmTopic);
        _ = new OperationsDashboardConstruct(this, "Operations", settings, new OperationsDashboardSources(
            api.Endpoint.TargetGroup, api.Endpoint.LoadBalancer, database.Instance, deviceState.Table));
    }

    private static Dictionary<string, Secret> Merge(IDictionary<string, Secret> first, IDictionary<string, Secret> second) =>
        first.Concat(second).ToDictionary(p => p.Key, p => p.Value);
}
