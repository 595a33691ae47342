using System.Globalization;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.DemoFleet;

namespace Valmetal.Bench;

/// <summary>The whole platform (AppHost) with no simulator, on free ports and a throw-away state folder.</summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly ServiceLogs _logs;

    private BenchPlatform(DistributedApplication app, ServiceLogs logs, string state, int brokerPort, int apiPort, int cognitoPort)
    {
        _app = app;
        _logs = logs;
        StateDirectory = state;
        BrokerPort = brokerPort;
        ApiUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://localhost:{apiPort}/"));
        CognitoUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{cognitoPort}/"));
        ApiPort = apiPort;
        CognitoPort = cognitoPort;
    }

    public string StateDirectory { get; }
    public int BrokerPort { get; }

    /// <summary>The API's load balancer (the gateway, HTTPS with a certificate of the local CA), as clients reach it.</summary>
    public Uri ApiUrl { get; }

    public Uri CognitoUrl { get; }

    public int ApiPort { get; }

    public int CognitoPort { get; }

    /// <summary>The running AppHost, for resource commands such as restarting the broker.</summary>
    public DistributedApplication App => _app;

    /// <param name="settings">More AppHost settings, e.g. <c>--RateLimits:Api:PerUserPerSecond=10000</c>.</param>
    public static async Task<BenchPlatform> StartAsync(params string[] settings)
    {
        var state = Path.Combine(Path.GetTempPath(), "valmetal-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var (broker, api, cognito) = (Valmetal.AppHost.LocalStack.LocalPorts.Free(), Valmetal.AppHost.LocalStack.LocalPorts.Free(), Valmetal.AppHost.LocalStack.LocalPorts.Free());
        string[] args =
        [
            $"--LocalStack:StateDirectory={state}",
            Setting("BrokerPort", broker), Setting("ServiceBrokerPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("PostgresPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("DynamoDbPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()),
            Setting("S3Port", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("CognitoPort", cognito), Setting("ApiPort", api),
            Setting("WebPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("WebRedirectPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("SimulatedDevices", 0),
            Setting("SmtpPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("MailInboxPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()),
            Valmetal.TestSupport.HeadlessPlatform.NoTelemetryExport, .. settings,
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Valmetal_AppHost>(args, (o, _) => o.DisableDashboard = true, timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        var logs = ServiceLogs.Start(app);
        await app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "postgres", "broker", "api-1", "api-2", "telemetry-1", "telemetry-2" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        Console.WriteLine(PlatformBuild.Describe());
        return new BenchPlatform(app, logs, state, broker, api, cognito);
    }

    public async Task<string> DatabaseAsync() => await _app.GetConnectionStringAsync("postgres") + ";Database=valmetal";

    public BrokerConnectionOptions Identity(string group, string commonName, int? port = null) => new()
    {
        Host = "127.0.0.1",
        Port = port ?? BrokerPort,
        CaCertificatePath = Path.Combine(StateDirectory, "pki", "ca.crt"),
        CertificatePath = Path.Combine(StateDirectory, "pki", group, commonName + ".crt"),
        PrivateKeyPath = Path.Combine(StateDirectory, "pki", group, commonName + ".key"),
    };

    /// <summary>Three catalogue metrics per device, so every message carries 3 points.</summary>
    public static Valmetal.DeviceContract.Catalogue.MetricDefinition[] MetricsOf(DemoEquipment device) => Valmetal.DeviceContract.DemoFleet.Fleet.ModelOf(device).Metrics.Take(3).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _logs.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Valmetal.LocalPostgres.PostgresDataDirectory.DeleteOutside(StateDirectory);
        Directory.Delete(StateDirectory, recursive: true);
    }

    private static string Setting(string name, int value) => string.Create(CultureInfo.InvariantCulture, $"--LocalStack:{name}={value}");
}
