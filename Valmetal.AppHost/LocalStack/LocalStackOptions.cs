using Microsoft.Extensions.Configuration;

namespace Valmetal.AppHost.LocalStack;

/// <summary>
/// Where the local stack keeps its data and which fixed ports it uses (documented in README.md).
/// Tests override them (<c>--LocalStack:BrokerPort=...</c>) so a running platform and a test run can coexist.
/// </summary>
public sealed class LocalStackOptions
{
    public const string SectionName = "LocalStack";

    /// <summary>One folder for every dependency's data; a restart keeps it, <c>./build.sh clean</c> wipes it.</summary>
    public string StateDirectory { get; set; } = string.Empty;

    /// <summary>The API's load balancer (HTTPS, the gateway).</summary>
    public int ApiPort { get; set; } = 5080;

    /// <summary>The web app's load balancer (HTTPS, the gateway).</summary>
    public int WebPort { get; set; } = 5000;

    /// <summary>Plain HTTP, redirected to <see cref="WebPort"/> as the ALB's port 80 listener does.</summary>
    public int WebRedirectPort { get; set; } = 5001;
    public int BrokerPort { get; set; } = 8883;

    /// <summary>
    /// The broker's listener for backend services: it accepts only certificates of the services' CA, and lets each
    /// task choose its client id (on the device listener the certificate's CN is the client id).
    /// </summary>
    public int ServiceBrokerPort { get; set; } = 8884;
    public int PostgresPort { get; set; } = 54320;
    public int DynamoDbPort { get; set; } = 8000;
    public int S3Port { get; set; } = 4568;

    /// <summary>
    /// Tokens name this port in their issuer. cognito-local's discovery document always says 9229, so the API
    /// reads signing keys from the issuer's JWKS directly (CognitoSigningKeys) and any port works.
    /// </summary>
    public int CognitoPort { get; set; } = 9229;

    /// <summary>maildev: SMTP for the notifier's e-mail, and its inbox on the web (http://localhost:1080).</summary>
    public int SmtpPort { get; set; } = 1025;

    public int MailInboxPort { get; set; } = 1080;

    /// <summary>How many of the demo fleet's 25 devices the simulator brings online; tests keep a few for themselves.</summary>
    public int SimulatedDevices { get; set; } = 25;

    public TimeSpan SimulatorInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the API deletes abandoned uploads; tests shorten it to watch a sweep happen.</summary>
    public TimeSpan DocumentSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Telemetry replicas sharing the device traffic through one MQTT 5 shared subscription.</summary>
    public int TelemetryReplicas { get; set; } = 2;

    /// <summary>API replicas behind the gateway (api-1, api-2...), as the deployment runs at least two tasks.</summary>
    public int ApiReplicas { get; set; } = 2;

    /// <summary>Notifier replicas sharing the outbox, as its tasks do in AWS.</summary>
    public int NotifierReplicas { get; set; } = 2;

    /// <summary>Web replicas behind the gateway (web-1, web-2...), sharing one key ring.</summary>
    public int WebReplicas { get; set; } = 2;

    public static LocalStackOptions From(IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SectionName).Get<LocalStackOptions>() ?? new LocalStackOptions();
        var repositoryRoot = RepositoryRoot(builder);
        options.StateDirectory = string.IsNullOrWhiteSpace(options.StateDirectory)
            ? Path.Combine(repositoryRoot, ".state")
            : Path.GetFullPath(options.StateDirectory);
        Directory.CreateDirectory(options.StateDirectory);
        return options;
    }

    public static string RepositoryRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

    public string StatePath(params string[] parts) => Path.Combine([StateDirectory, .. parts]);

    /// <summary>Every port the settings fix (broker, gateway, emulators...).</summary>
    public IEnumerable<int> FixedPorts => PortSettings().Select(p => p.Port);

    /// <summary>The setting that gave a fixed port (for example <c>LocalStack:BrokerPort</c>), to name it in advice.</summary>
    public string? SettingFor(int port) =>
        PortSettings().FirstOrDefault(p => p.Port == port) is { Name: { } name } ? $"{SectionName}:{name}" : null;

    private IEnumerable<(string Name, int Port)> PortSettings() => typeof(LocalStackOptions).GetProperties()
        .Where(p => p.PropertyType == typeof(int) && p.Name.EndsWith("Port", StringComparison.Ordinal))
        .Select(p => (p.Name, (int)p.GetValue(this)!));
}
