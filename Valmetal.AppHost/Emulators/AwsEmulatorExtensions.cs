using System.Globalization;
using Valmetal.AppHost.LocalStack;
using Valmetal.AppHost.Startup;

namespace Valmetal.AppHost.Emulators;

/// <summary>
/// npm emulators of the AWS services the platform uses (installed from the committed package-lock.json).
/// Each listens on 127.0.0.1 only, keeps its data in the state folder and is reached through the real AWS SDK.
/// </summary>
public static class AwsEmulatorExtensions
{
    public const string DocumentBucket = "valmetal-documents";

    /// <summary>Raw points past retention, as Parquet (the CDK's ArchiveConstruct in AWS).</summary>
    public const string ArchiveBucket = "valmetal-archive";

    /// <summary>The region local AWS calls are signed for: the emulators ignore it, the IoT fake checks it.</summary>
    public const string Region = "us-east-1";

    public static IResourceBuilder<ExecutableResource> AddDynalite(
        this IDistributedApplicationBuilder builder, LocalStackOptions options)
    {
        var data = options.StatePath("dynalite");
        Directory.CreateDirectory(data);
        var module = NodeModule(builder, "dynalite/cli.js");
        return builder.AddLocalProcess("dynamodb", data, InstallNode, "node", module,
                "--host", "127.0.0.1", "--port", Port(options.DynamoDbPort), "--path", data,
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
            .WithRequiredProgram(module, InstallNpmPackages)
            .WithHttpEndpoint(port: options.DynamoDbPort, targetPort: options.DynamoDbPort, isProxied: false)
            .WithTcpHealthCheck(options.DynamoDbPort);
    }

    public static IResourceBuilder<ExecutableResource> AddS3rver(
        this IDistributedApplicationBuilder builder, LocalStackOptions options)
    {
        var data = options.StatePath("s3");
        Directory.CreateDirectory(data);
        // Browsers upload and download documents straight to the bucket with presigned URLs, from the web app's one
        // origin (its load balancer), the rule the CDK gives the bucket in AWS (DocumentBucketConstruct).
        var cors = options.StatePath("s3-cors.xml");
        File.WriteAllText(cors, $"""
            <CORSConfiguration>
              <CORSRule>
                <AllowedOrigin>https://localhost:{options.WebPort}</AllowedOrigin>
                <AllowedMethod>PUT</AllowedMethod>
                <AllowedMethod>GET</AllowedMethod>
                <AllowedHeader>Content-Type</AllowedHeader>
                <MaxAgeSeconds>600</MaxAgeSeconds>
              </CORSRule>
            </CORSConfiguration>
            """);
        var module = NodeModule(builder, "s3rver/bin/s3rver.js");
        return builder.AddLocalProcess("s3", data, InstallNode, "node", module,
                "-d", data, "-a", "127.0.0.1", "-p", Port(options.S3Port), "--no-vhost-buckets", "--silent",
                "--configure-bucket", DocumentBucket, cors, "--configure-bucket", ArchiveBucket)
            // Node 20's OpenSSL 3 breaks s3rver's ListObjectsV2 without the legacy provider (docs/local-stack.md).
            .WithEnvironment("NODE_OPTIONS", "--openssl-legacy-provider")
            .WithRequiredProgram(module, InstallNpmPackages)
            .WithHttpEndpoint(port: options.S3Port, targetPort: options.S3Port, isProxied: false)
            .WithTcpHealthCheck(options.S3Port);
    }

    public static IResourceBuilder<ExecutableResource> AddCognitoLocal(
        this IDistributedApplicationBuilder builder, LocalStackOptions options)
    {
        var data = options.StatePath("cognito");
        Directory.CreateDirectory(Path.Combine(data, ".cognito", "db"));
        File.WriteAllText(Path.Combine(data, ".cognito", "config.json"), $$$"""
            {"ServerConfig":{"hostname":"127.0.0.1","port":{{{options.CognitoPort}}}},"TokenConfig":{"IssuerDomain":"http://localhost:{{{options.CognitoPort}}}"}}
            """);
        var module = NodeModule(builder, "cognito-local/lib/bin/start.js");
        return builder.AddLocalProcess("cognito", data, InstallNode, "node", module)
            .WithRequiredProgram(module, InstallNpmPackages)
            .WithEnvironment("PORT", Port(options.CognitoPort))
            .WithHttpEndpoint(port: options.CognitoPort, targetPort: options.CognitoPort, isProxied: false)
            .WithTcpHealthCheck(options.CognitoPort);
    }

    /// <summary>
    /// Calls to local stand-ins for AWS services are signed by the same code path as in AWS: the default credential
    /// chain finds these keys in the environment, and the region scopes the signature. They are s3rver's fixed pair,
    /// the only key id it knows; the other stand-ins take any signature.
    /// </summary>
    private static void AddLocalAwsCredentials(IDictionary<string, object> environment)
    {
        environment["Aws__Region"] = Region;
        environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
    }

    /// <summary>The service calls AWS's stand-ins (<see cref="AddLocalAwsCredentials"/>).</summary>
    public static IResourceBuilder<ProjectResource> WithLocalAwsCredentials(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment(context => AddLocalAwsCredentials(context.EnvironmentVariables));

    /// <summary>
    /// maildev, a real SMTP server with a web inbox: the notifier's e-mail lands there locally (in AWS it goes through
    /// SES's API), and tests read what arrived from its REST API (<c>GET /email</c>).
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddMaildev(
        this IDistributedApplicationBuilder builder, LocalStackOptions options)
    {
        var data = options.StatePath("mail");
        Directory.CreateDirectory(data);
        var module = NodeModule(builder, "maildev/dist/bin/maildev.js");
        return builder.AddLocalProcess("mail", data, InstallNode, "node", module,
                "--smtp", Port(options.SmtpPort), "--web", Port(options.MailInboxPort), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1",
                "--mail-directory", data, "--silent")
            .WithRequiredProgram(module, InstallNpmPackages)
            .WithHttpEndpoint(port: options.MailInboxPort, targetPort: options.MailInboxPort, isProxied: false)
            // Declared so the start-up check refuses a taken SMTP port by name, as it does the inbox's.
            .WithEndpoint(port: options.SmtpPort, targetPort: options.SmtpPort, name: "smtp", scheme: "tcp", isProxied: false)
            .WithTcpHealthCheck(options.SmtpPort);
    }

    private const string InstallNode = "install Node.js 20 or newer";

    private const string InstallNpmPackages = "install the npm packages with ./build.sh setup (npm ci)";

    private static string NodeModule(IDistributedApplicationBuilder builder, string relativePath) =>
        Path.Combine(LocalStackOptions.RepositoryRoot(builder), "node_modules", relativePath);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
