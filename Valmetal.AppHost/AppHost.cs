using System.Globalization;
using Microsoft.Extensions.Configuration;
using Valmetal.AppHost.Broker;
using Valmetal.AppHost.Emulators;
using Valmetal.AppHost.Gateway;
using Valmetal.AppHost.Identity;
using Valmetal.AppHost.Iot;
using Valmetal.AppHost.LocalStack;
using Valmetal.AppHost.Notifications;
using Valmetal.AppHost.Postgres;
using Valmetal.AppHost.Startup;
using Valmetal.Composition;
using Valmetal.DeviceContract.Access;
using Valmetal.DevicePki;

var builder = DistributedApplication.CreateBuilder(args);
var local = LocalStackOptions.From(builder);
// The replicas' ports are chosen below, in this process; every port fixed by settings, the dashboard's included, was
// chosen before (often by another process, such as the suite) and must not be handed out again.
LocalPorts.Reserve([.. local.FixedPorts, .. DashboardEndpoints.Ports(builder.Configuration)]);
builder.AddStartupChecks(local);
using var ca = LocalCertificateAuthority.OpenOrCreate(local.StatePath("pki"));
// The backend services' certificates: in AWS they are IoT Core's too, told apart by the policies attached to them.
using var serviceCa = LocalCertificateAuthority.OpenOrCreate(local.StatePath("pki", "service-ca"), "Valmetal Connect Local Services CA");
var deviceCertificates = ca.EnsureDemoFleetCertificates();
var trustBundle = ca.WriteTrustBundle(TrustBundle.SystemBundlePath);

// Infrastructure: every dependency is a local process with its data under one state folder.
var postgres = builder.AddLocalPostgres("postgres", local, "valmetal");
// Every replica's pool together must fit the server, as the CDK checks its scaling limits against RDS.
DatabaseConnections.EnsureFits(PostgresExtensions.MaxConnections,
[
    new("migrator", 1, DatabaseConnections.MigratorPool),
    new("api", local.ApiReplicas, DatabaseConnections.ApiPool),
    new("telemetry", local.TelemetryReplicas, DatabaseConnections.TelemetryPool),
    new("notifier", local.NotifierReplicas, DatabaseConnections.NotifierPool),
]);
var broker = builder.AddMosquittoBroker(local, ca, serviceCa);
var dynamodb = builder.AddDynalite(local);
var s3 = builder.AddS3rver(local);
var cognito = builder.AddCognitoLocal(local);
var iot = builder.AddIotCoreFake(local, deviceCertificates);
var mail = builder.AddMaildev(local);
// SMS go to a capture that speaks SNS's Publish (a fake: Valmetal.SmsCapture), through the notifier's real SnsClient.
var sms = builder.AddLocalProject<Projects.Valmetal_SmsCapture>("sms")
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/health")
    .WithEnvironment("SmsCapture__Region", AwsEmulatorExtensions.Region);
var vapid = VapidKeys.OpenOrCreate(local.StatePath("pki", "vapid.json"));
var userPool = new UserPoolProvisioner($"http://127.0.0.1:{local.CognitoPort}", local.StatePath("cognito", "valmetal-user-pool.json"));

// The API's settings, shared by its replicas and the one-shot migrator, which runs the same program with `migrate`
// (Valmetal.Api DatabaseStartup), as a one-off task of the API's task definition does in AWS.
IResourceBuilder<ProjectResource> ApiSettings(IResourceBuilder<ProjectResource> project) => project
    .WithBrokerIdentity(local, ca, serviceCa, BrokerAccessRules.ApiIdentity)
    .WithTrustBundle(trustBundle)
    .WithEnvironment("DeviceState__ServiceUrl", dynamodb.GetEndpoint("http"))
    .WithUserPool(cognito, userPool, local)
    .WithLocalAwsCredentials()
    .WithEnvironment("Documents__ServiceUrl", s3.GetEndpoint("http"))
    .WithEnvironment("Documents__BucketName", AwsEmulatorExtensions.DocumentBucket)
    // The CSV export reads days past the raw retention from the archive, through the documents' S3 client.
    .WithEnvironment("Archive__BucketName", AwsEmulatorExtensions.ArchiveBucket)
    .WithEnvironment("Documents__SweepInterval", local.DocumentSweepInterval.ToString("c", CultureInfo.InvariantCulture))
    .WithIotCoreRegistry(iot, local)
    .WithEnvironment("Seed__DemoFleet", "true")
    .WithEnvironment("Seed__DemoCertificatesFolder", deviceCertificates)
    // The OpenAPI document and reference page are off by default outside Development (docs/decisions.md).
    .WithEnvironment("OpenApi__Enabled", "true")
    .WithSettingsFrom(builder.Configuration.GetSection("RateLimits"))
    .WithSettingsFrom(builder.Configuration.GetSection("TelemetryReads"));

var migrator = ApiSettings(builder.AddLocalProject<Projects.Valmetal_Api>("migrator").WithArgs("migrate"))
    .WithDatabase(postgres, "valmetal", DatabaseConnections.MigratorPool);

var apis = Enumerable.Range(1, local.ApiReplicas).Select(replica =>
    ApiSettings(builder.AddLocalProject<Projects.Valmetal_Api>($"api-{replica}")
        .WithHttpEndpoint(port: LocalPorts.Free(), name: "http", isProxied: false)
        .WithHttpHealthCheck("/health"))
        .WithDatabase(postgres, "valmetal", DatabaseConnections.ApiPool)
        .WaitForCompletion(migrator).WaitFor(broker).WaitFor(dynamodb).WaitFor(s3)).ToList();

// Telemetry reads the catalogue the migrations create, so it starts once they are done.
// Replicas split the device traffic through the broker's shared subscription: one identity, a client id each.
var telemetry = Enumerable.Range(1, local.TelemetryReplicas).Select(replica =>
    builder.AddLocalProject<Projects.Valmetal_Telemetry>($"telemetry-{replica}")
        .WithHttpEndpoint(name: "http")
        .WithHttpHealthCheck("/health")
        .WithDatabase(postgres, "valmetal", DatabaseConnections.TelemetryPool)
        .WithBrokerIdentity(local, ca, serviceCa, BrokerAccessRules.TelemetryIdentity)
        .WithTrustBundle(trustBundle)
        .WithEnvironment("DeviceState__ServiceUrl", dynamodb.GetEndpoint("http"))
        .WithEnvironment("DeviceState__CreateTableIfMissing", "true")
        // Raw partitions past retention are archived there before they are dropped.
        .WithEnvironment("Archive__ServiceUrl", s3.GetEndpoint("http"))
        .WithEnvironment("Archive__BucketName", AwsEmulatorExtensions.ArchiveBucket)
        .WithLocalAwsCredentials()
        .WaitForCompletion(migrator).WaitFor(broker).WaitFor(dynamodb).WaitFor(s3)).ToList();

var webs = Enumerable.Range(1, local.WebReplicas).Select(replica =>
    builder.AddLocalProject<Projects.Valmetal_Web>($"web-{replica}")
        .WithHttpEndpoint(port: LocalPorts.Free(), name: "http", isProxied: false)
        .WithHttpHealthCheck("/health")
        .WithUserPool(cognito, userPool, local)
        .WithLocalAwsCredentials()
        .WithTrustBundle(trustBundle)
        // The session key ring lives in the bucket, read and written through S3 exactly as every task does in AWS.
        .WithEnvironment("DataProtection__ServiceUrl", s3.GetEndpoint("http"))
        .WithEnvironment("DataProtection__BucketName", AwsEmulatorExtensions.DocumentBucket)
        // Pages upload documents straight to the bucket: its origin is the one the page policy lets scripts reach.
        .WithEnvironment("ContentSecurityPolicy__ConnectSources__0", s3.GetEndpoint("http"))
        .WithSettingsFrom(builder.Configuration.GetSection("RateLimits"))
        // Through the API's load balancer, as in AWS (the CDK gives https://API-DOMAIN).
        .WithEnvironment("ApiBaseUrl", string.Create(CultureInfo.InvariantCulture, $"https://localhost:{local.ApiPort}"))
        .WithEnvironment("Push__VapidPublicKey", vapid.PublicKey)
        .WaitFor(s3)).ToList();

// The notifier tells people about alarms from the outbox the telemetry service writes; replicas split the work by
// row locks and leases, as its tasks do in AWS. E-mail goes to maildev over SMTP (SES's API in AWS).
var notifiers = Enumerable.Range(1, local.NotifierReplicas).Select(replica =>
    builder.AddLocalProject<Projects.Valmetal_Notifier>($"notifier-{replica}")
        .WithHttpEndpoint(name: "http")
        .WithHttpHealthCheck("/health")
        .WithDatabase(postgres, "valmetal", DatabaseConnections.NotifierPool)
        .WithTrustBundle(trustBundle)
        .WithEnvironment("Notifier__WebBaseUrl", string.Create(CultureInfo.InvariantCulture, $"https://localhost:{local.WebPort}/"))
        .WithEnvironment("Notifier__SupportEmail", "support@valmetal.local")
        .WithEnvironment("Notifier__FromAddress", "alarms@valmetal.local")
        .WithEnvironment("Notifier__Channels__Email", "Smtp")
        .WithEnvironment("Notifier__Channels__SmtpHost", "127.0.0.1")
        .WithEnvironment("Notifier__Channels__SmtpPort", local.SmtpPort.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Notifier__Channels__VapidSubject", "mailto:support@valmetal.local")
        .WithEnvironment("Notifier__Channels__VapidPublicKey", vapid.PublicKey)
        .WithEnvironment("Notifier__Channels__VapidPrivateKey", vapid.PrivateKey)
        .WithEnvironment("Notifier__Channels__SnsUrl", sms.GetEndpoint("http"))
        .WithLocalAwsCredentials()
        .WithSettingsFrom(builder.Configuration.GetSection("Notifier"))
        .WaitForCompletion(migrator).WaitFor(mail).WaitFor(sms)).ToList();

// The load balancers: browsers, the suite and the web app reach the API and the web app only through them.
builder.AddLoadBalancers(ca)
    .WithLoadBalancer(0, "web", local.WebPort, local.WebRedirectPort, stickySessions: true, webs)
    .WithLoadBalancer(1, "api", local.ApiPort, redirectPort: null, stickySessions: false, apis)
    .WithTcpHealthCheck(local.WebPort)
    .WithExternalHttpEndpoints();

// Only when it has devices to run: the benchmark publishes its own load and measures every process it starts.
if (local.SimulatedDevices > 0 || builder.Configuration.GetValue<int>("Simulator:LoadDevices") > 0)
{
    builder.AddLocalProject<Projects.Valmetal_DeviceSimulator>("simulator")
        .WithEnvironment("Broker__Host", "127.0.0.1")
        .WithEnvironment("Broker__Port", local.BrokerPort.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Broker__CaCertificatePath", ca.CaCertificatePath)
        .WithEnvironment("Simulator__CertificatesFolder", deviceCertificates)
        .WithEnvironment("Simulator__Devices", local.SimulatedDevices.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Simulator__Interval", local.SimulatorInterval.ToString("c", CultureInfo.InvariantCulture))
        .WithSettingsFrom(builder.Configuration.GetSection("Simulator"))
        .WaitForAll(telemetry);
}

// A start that cannot succeed ends with one line (what failed, why, what to do) and exit code 1.
return await builder.Build().RunAndReportAsync();
