using Valmetal.Cdk.Data;
using Valmetal.Cdk.Configuration;
using Valmetal.Cdk.Identity;
using Valmetal.Cdk.Iot;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Valmetal.Cdk.Compute;

/// <summary>
/// The settings the AppHost passes to each service (ConnectionStrings__*, DeviceState__*, Documents__*, Cognito__*,
/// Broker__*), here pointing at the AWS resources. Only endpoints and credentials differ from the local stack.
/// </summary>
public sealed record ServiceEnvironments(
    DeploymentSettings Settings,
    DatabaseConstruct Database,
    DeviceStateTableConstruct DeviceState,
    DocumentBucketConstruct Documents,
    UserPoolConstruct Users)
{
    /// <summary>IoT Core's server certificate chains to Amazon Root CA 1, which the system trust store holds.</summary>
    private const string SystemTrustStore = "/etc/ssl/certs/ca-certificates.crt";

    public Dictionary<string, string> Api() => Merge(Cognito(), Broker(), new()
    {
        ["ConnectionStrings__valmetal"] = Database.ConnectionString,
        ["DeviceState__TableName"] = DeviceState.Table.TableName,
        // Both option classes default to us-east-1 for the local emulators.
        ["DeviceState__Region"] = Settings.Region,
        ["Documents__BucketName"] = Documents.Bucket.BucketName,
        ["Documents__Region"] = Settings.Region,
    });

    public Dictionary<string, string> Telemetry(string otlpEndpoint) => Merge(Broker(), new()
    {
        ["ConnectionStrings__valmetal"] = Database.ConnectionString,
        ["DeviceState__TableName"] = DeviceState.Table.TableName,
        ["DeviceState__Region"] = Settings.Region,
        ["Ingestion__SharedGroup"] = BrokerAccessRules.TelemetrySharedGroup,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
    });

    /// <summary>The web client knows the API's address, the user pool and where browsers upload documents, nothing else.</summary>
    public Dictionary<string, string> Web() => Merge(Cognito(), new()
    {
        // Valmetal.Web reads ApiBaseUrl; locally the AppHost leaves it to service discovery ("http://api").
        ["ApiBaseUrl"] = $"https://{Settings.ApiDomain}",
        // Presigned uploads go from the page to the bucket: the page policy allows its regional and its global name.
        ["ContentSecurityPolicy__ConnectSources__0"] = $"https://{Documents.Bucket.BucketRegionalDomainName}",
        ["ContentSecurityPolicy__ConnectSources__1"] = $"https://{Documents.Bucket.BucketDomainName}",
        // Blazor's keys stay on the task; sticky sessions keep a circuit on the task that issued its cookie.
        ["DataProtection__KeysPath"] = "/tmp/data-protection-keys",
    });

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    public Dictionary<string, EcsSecret> DatabaseSecrets() => new()
    {
        // Npgsql reads PGPASSWORD when the connection string has no password.
        ["PGPASSWORD"] = EcsSecret.FromSecretsManager(Database.Credentials, "password"),
    };

    private Dictionary<string, string> Cognito() => new()
    {
        ["Cognito__ServiceUrl"] = UserPoolConstruct.ServiceUrl(Settings),
        ["Cognito__UserPoolId"] = Users.UserPool.UserPoolId,
        ["Cognito__ClientId"] = Users.WebClient.UserPoolClientId,
        ["Cognito__Authority"] = Users.Issuer(Settings),
        // The region Valmetal.AwsHttp signs for; the credentials are the task role's.
        ["Aws__Region"] = Settings.Region,
    };

    private Dictionary<string, string> Broker() => new()
    {
        ["Broker__Host"] = Settings.IotDataEndpoint,
        ["Broker__Port"] = "8883",
        ["Broker__CaCertificatePath"] = SystemTrustStore,
    };
}
