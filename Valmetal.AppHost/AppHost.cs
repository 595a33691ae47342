using System.Globalization;
using Microsoft.Extensions.Configuration;
using Valmetal.AppHost.Broker;
using Valmetal.AppHost.Emulators;
using Valmetal.AppHost.Identity;
using Valmetal.AppHost.LocalStack;
using Valmetal.AppHost.Postgres;
using Valmetal.AppHost.Startup;
using Valmetal.DeviceContract.Access;
using Valmetal.DevicePki;

var builder = DistributedApplication.CreateBuilder(args);
var local = LocalStackOptions.From(builder);
builder.AddStartupChecks(local);
using var ca = LocalCertificateAuthority.OpenOrCreate(local.StatePath("pki"));
// The backend services' certificates: in AWS they are IoT Core's too, told apart by the policies attached to them.
using var serviceCa = LocalCertificateAuthority.OpenOrCreate(local.StatePath("pki", "service-ca"), "Valmetal Connect Local Services CA");
var deviceCertificates = ca.EnsureDemoFleetCertificates();

// Infrastructure: every dependency is a local process with its data under one state folder.
var postgres = builder.AddLocalPostgres("postgres", local);
var broker = builder.AddMosquittoBroker(local, ca, serviceCa);
var dynamodb = builder.AddDynalite(local);
var s3 = builder.AddS3rver(local);
var cognito = builder.AddCognitoLocal(local);
var userPool = new UserPoolProvisioner($"http://127.0.0.1:{local.CognitoPort}", local.StatePath("cognito", "valmetal-user-pool.json"));

var api = builder.AddLocalProject<Projects.Valmetal_Api>("api")
    .WithHttpEndpoint(port: local.ApiPort, name: "http")
    .WithHttpHealthCheck("/health")
    .WithDatabase(postgres, "valmetal")
    .WithBrokerIdentity(local, ca, serviceCa, BrokerAccessRules.ApiIdentity)
    .WithEnvironment("DeviceState__ServiceUrl", dynamodb.GetEndpoint("http"))
    .WithUserPool(cognito, userPool, local)
    .WithEnvironment("Documents__ServiceUrl", s3.GetEndpoint("http"))
    .WithEnvironment("Documents__BucketName", AwsEmulatorExtensions.DocumentBucket)
    .WithEnvironment("Documents__SweepInterval", local.DocumentSweepInterval.ToString("c", CultureInfo.InvariantCulture))
    .WithEnvironment("DeviceRegistry__PkiFolder", local.StatePath("pki"))
    .WithEnvironment("Seed__DemoFleet", "true")
    // The OpenAPI document and reference page are off by default outside Development (docs/decisions.md).
    .WithEnvironment("OpenApi__Enabled", "true")
    .WithSettingsFrom(builder.Configuration.GetSection("RateLimits"))
    .WithSettingsFrom(builder.Configuration.GetSection("TelemetryReads"))
    .WaitFor(broker).WaitFor(dynamodb).WaitFor(s3);

// Telemetry reads the catalogue the API's migrations create, so it starts after the API.
// Replicas split the device traffic through the broker's shared subscription: one identity, a client id each.
var telemetry = Enumerable.Range(1, local.TelemetryReplicas).Select(replica =>
    builder.AddLocalProject<Projects.Valmetal_Telemetry>($"telemetry-{replica}")
        .WithHttpEndpoint(name: "http")
        .WithHttpHealthCheck("/health")
        .WithDatabase(postgres, "valmetal")
        .WithBrokerIdentity(local, ca, serviceCa, BrokerAccessRules.TelemetryIdentity)
        .WithEnvironment("DeviceState__ServiceUrl", dynamodb.GetEndpoint("http"))
        .WithEnvironment("DeviceState__CreateTableIfMissing", "true")
        .WaitFor(api).WaitFor(broker).WaitFor(dynamodb)).ToList();

builder.AddLocalProject<Projects.Valmetal_Web>("web")
    .WithHttpEndpoint(port: local.WebPort, name: "http")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithUserPool(cognito, userPool, local)
    // The session key ring lives in the bucket, read and written through S3 exactly as every task does in AWS.
    .WithEnvironment("DataProtection__ServiceUrl", s3.GetEndpoint("http"))
    .WithEnvironment("DataProtection__BucketName", AwsEmulatorExtensions.DocumentBucket)
    // Pages upload documents straight to the bucket: its origin is the one the page policy lets scripts reach.
    .WithEnvironment("ContentSecurityPolicy__ConnectSources__0", s3.GetEndpoint("http"))
    .WithSettingsFrom(builder.Configuration.GetSection("RateLimits"))
    .WithReference(api)
    .WaitFor(api).WaitFor(s3);

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
