using Valmetal.Cdk.Data;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Identity;
using System.Globalization;
using Valmetal.Cdk.Iot;
using Valmetal.DeviceContract.Access;
using Valmetal.Cdk.Network;
using Valmetal.Cdk.Notifications;
using Valmetal.Composition;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// The settings the AppHost passes to each service (ConnectionStrings__*, DeviceState__*, Documents__*, Archive__*, Cognito__*,
/// Broker__*, Notifier__*), here pointing at the AWS resources. Only endpoints and credentials differ from the local stack.
/// The OpenTelemetry settings come with the collector sidecar (MetricsCollectorSidecar).
/// </summary>
public sealed record ServiceEnvironments(
    DeploymentSettings Settings,
    DatabaseConstruct Database,
    DeviceStateTableConstruct DeviceState,
    DocumentBucketConstruct Documents,
    ArchiveConstruct Archive,
    UserPoolConstruct Users,
    TimestreamTableConstruct? Timestream = null)
{
    /// <summary>IoT Core's server certificate chains to Amazon Root CA 1, which the system trust store holds.</summary>
    private const string SystemTrustStore = "/etc/ssl/certs/ca-certificates.crt";

    public const string AmazonRootCa1 = "CN=Amazon Root CA 1, O=Amazon, C=US";

    public Dictionary<string, string> Api() => Merge(Cognito(Settings, Users), Broker(BrokerAccessRules.ApiIdentity), DeviceRegistry(), TimeSeries(), new()
    {
        // The ALB connects from inside the VPC: only its forwarded client address and scheme are believed.
        ["ForwardedHeaders__KnownNetworks__0"] = NetworkConstruct.Cidr,
        ["ConnectionStrings__valmetal"] = DatabaseConnections.WithPool(Database.ConnectionString, DatabaseConnections.ApiPool),
        ["DeviceState__TableName"] = DeviceState.Table.TableName,
        ["Documents__BucketName"] = Documents.Bucket.BucketName,
        // The CSV export reads days past the raw retention from here.
        ["Archive__BucketName"] = Archive.Bucket.BucketName,
    });

    public Dictionary<string, string> Telemetry() => Merge(Broker(BrokerAccessRules.TelemetryIdentity), TimeSeries(), new()
    {
        ["ConnectionStrings__valmetal"] = DatabaseConnections.WithPool(Database.ConnectionString, DatabaseConnections.TelemetryPool),
        ["DeviceState__TableName"] = DeviceState.Table.TableName,
        // Raw partitions past retention are archived here before they are dropped.
        ["Archive__BucketName"] = Archive.Bucket.BucketName,
        // The region DynamoDB's and S3's clients call and sign for (Valmetal.AwsHttp AwsSdkClients).
        ["Aws__Region"] = Settings.Region,
        // One client id per task, for as many tasks as can run at once (ServiceSizing.MostTasksAtOnce).
        ["Ingestion__ClientSlots"] = ServiceSizing.For(ServiceKind.Telemetry, Settings).MostTasksAtOnce.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>
    /// The notifier's settings as the AppHost passes them, but e-mail through SES (SendEmail, signed with the task role)
    /// instead of maildev and SMS through SNS's regional endpoint instead of the capture. The VAPID private key is a
    /// secret (<see cref="NotificationsConstruct.AsContainerSecrets"/>).
    /// </summary>
    public Dictionary<string, string> Notifier() => new()
    {
        ["ConnectionStrings__valmetal"] = DatabaseConnections.WithPool(Database.ConnectionString, DatabaseConnections.NotifierPool),
        // Every message links to its alarm in the web app, where browsers load it from.
        ["Notifier__WebBaseUrl"] = $"{Settings.WebOrigin}/",
        ["Notifier__SupportEmail"] = Settings.SupportEmail,
        ["Notifier__FromAddress"] = NotificationsConstruct.FromAddress(Settings),
        // ChannelOptions.Email: EmailTransport.Ses.
        ["Notifier__Channels__Email"] = "Ses",
        // Push services contact whoever the subject names when a sender misbehaves.
        ["Notifier__Channels__VapidSubject"] = $"mailto:{Settings.SupportEmail}",
        ["Notifier__Channels__VapidPublicKey"] = Settings.VapidPublicKey,
        // The region Valmetal.AwsHttp signs SES and SNS calls for, and whose endpoints it calls.
        ["Aws__Region"] = Settings.Region,
    };

    /// <summary>
    /// The web client knows the API's address, the user pool and where browsers upload documents, nothing else.
    /// Static and from names where it can be: the web stack takes only the user pool's ids from the backend stack.
    /// </summary>
    public static Dictionary<string, string> Web(DeploymentSettings settings, UserPoolConstruct users)
    {
        var web = Merge(Cognito(settings, users), new()
        {
            ["ForwardedHeaders__KnownNetworks__0"] = NetworkConstruct.Cidr,
            // Valmetal.Web calls the API through its load balancer, as the AppHost points it at the local gateway.
            ["ApiBaseUrl"] = $"https://{settings.ApiDomain}",
            // One key ring for every web task (SSE-KMS with the account's aws/s3 key), in the document bucket named
            // rather than referenced; sticky sessions keep a Blazor circuit on its task.
            ["DataProtection__BucketName"] = DocumentBucketConstruct.NameFor(settings),
            ["DataProtection__Prefix"] = DocumentBucketConstruct.KeyRingPrefix,
            // Browsers subscribe to alarm pushes with the key the notifier signs next to.
            ["Push__VapidPublicKey"] = settings.VapidPublicKey,
        });
        // Presigned uploads go from the page to the bucket: the page policy allows its regional and its global name.
        foreach (var (endpoint, index) in DocumentBucketConstruct.EndpointsFor(settings).Select((e, i) => (e, i)))
        {
            web[$"ContentSecurityPolicy__ConnectSources__{index}"] = endpoint;
        }

        return web;
    }

    /// <summary>The parts as one environment; a setting two parts share (the region) must have one value.</summary>
    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts)
    {
        var merged = new Dictionary<string, string>();
        foreach (var (key, value) in parts.SelectMany(p => p))
        {
            if (merged.TryGetValue(key, out var earlier) && earlier != value)
            {
                throw new InvalidOperationException($"{key} is set twice, to '{earlier}' and '{value}'.");
            }

            merged[key] = value;
        }

        return merged;
    }

    public Dictionary<string, EcsSecret> DatabaseSecrets() => new()
    {
        // Npgsql reads PGPASSWORD when the connection string has no password.
        ["PGPASSWORD"] = EcsSecret.FromSecretsManager(Database.Credentials, "password"),
    };

    private static Dictionary<string, string> Cognito(DeploymentSettings settings, UserPoolConstruct users) => new()
    {
        ["Cognito__ServiceUrl"] = UserPoolConstruct.ServiceUrl(settings),
        ["Cognito__UserPoolId"] = users.UserPool.UserPoolId,
        ["Cognito__ClientId"] = users.WebClient.UserPoolClientId,
        ["Cognito__Authority"] = users.Issuer(settings),
        // The region every AWS client of the service calls and signs for (Valmetal.AwsHttp, the S3 and DynamoDB clients
        // too); the credentials are the task role's.
        ["Aws__Region"] = settings.Region,
    };

    /// <summary>
    /// The API registers devices in IoT Core: things in the CDK's thing types, certificates with the device policy.
    /// Devices are handed Amazon Root CA 1, which IoT Core's ATS endpoint chains to, taken from the system bundle.
    /// </summary>
    private Dictionary<string, string> DeviceRegistry()
    {
        var names = new ResourceNames(Settings.EnvironmentName);
        return new()
        {
            ["DeviceRegistry__Kind"] = "IotCore",
            ["DeviceRegistry__ServiceUrl"] = $"https://iot.{Settings.Region}.amazonaws.com",
            ["DeviceRegistry__PolicyName"] = IotConstruct.DevicePolicyName(names),
            ["DeviceRegistry__ThingTypePrefix"] = names.Prefix,
            ["DeviceRegistry__BrokerCaFile"] = SystemTrustStore,
            ["DeviceRegistry__BrokerCaSubject"] = AmazonRootCa1,
            ["DeviceRegistry__BrokerPort"] = "8883",
        };
    }

    /// <summary>Where points are kept: nothing for PostgreSQL (the services' default), else the Timestream table.</summary>
    private Dictionary<string, string> TimeSeries() => Timestream is null ? [] : new()
    {
        ["TimeSeries__Store"] = "Timestream",
        ["TimeSeries__TimestreamDatabase"] = Timestream.Database.DatabaseName!,
        ["TimeSeries__TimestreamTable"] = Timestream.Table.TableName!,
        // Valmetal.AwsHttp signs the Timestream calls for this region with the task role.
        ["Aws__Region"] = Settings.Region,
    };

    /// <summary>
    /// IoT Core's CreateKeysAndCertificate gives every certificate the CN "AWS IoT Certificate", so the identity that
    /// starts the service's client ids is set here, not read from the certificate as locally.
    /// </summary>
    private Dictionary<string, string> Broker(string identity) => new()
    {
        ["Broker__Identity"] = identity,
        ["Broker__Host"] = Settings.IotDataEndpoint,
        ["Broker__Port"] = "8883",
        ["Broker__CaCertificatePath"] = SystemTrustStore,
    };
}
