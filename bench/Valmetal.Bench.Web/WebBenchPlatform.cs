using System.Globalization;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Valmetal.Bench.Web;

/// <summary>The whole platform with the 25-device simulator, on free ports and a throw-away state folder.</summary>
public sealed class WebBenchPlatform : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _state;

    private WebBenchPlatform(DistributedApplication app, string state, int webPort) => (_app, _state, WebUrl) =
        (app, state, new Uri(string.Create(CultureInfo.InvariantCulture, $"https://localhost:{webPort}/")));

    /// <summary>The web app's load balancer (the gateway), as browsers reach it.</summary>
    public Uri WebUrl { get; }

    public static async Task<WebBenchPlatform> StartAsync(int devices)
    {
        var state = Path.Combine(Path.GetTempPath(), "valmetal-bench-web-" + Guid.NewGuid().ToString("N")[..8]);
        var webPort = Valmetal.AppHost.LocalStack.LocalPorts.Free();
        string[] args =
        [
            $"--LocalStack:StateDirectory={state}",
            Setting("BrokerPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("ServiceBrokerPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("PostgresPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("DynamoDbPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()),
            Setting("S3Port", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("CognitoPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("ApiPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()),
            Setting("WebPort", webPort), Setting("WebRedirectPort", Valmetal.AppHost.LocalStack.LocalPorts.Free()), Setting("SimulatedDevices", devices),
            Valmetal.TestSupport.HeadlessPlatform.NoTelemetryExport,
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Valmetal_AppHost>(args, (o, _) => o.DisableDashboard = true, timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "postgres", "broker", "dynamodb", "s3", "cognito", "iot-core", "api-1", "api-2", "telemetry-1", "telemetry-2", "web-1", "web-2", "gateway" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        await Valmetal.TestSupport.BrowserTrust.TrustAsync(Path.Combine(state, "pki", "ca.crt"), Path.Combine(state, "browser-home"));
        return new WebBenchPlatform(app, state, webPort);
    }

    public async Task<string> DatabaseAsync() => await _app.GetConnectionStringAsync("postgres") + ";Database=valmetal";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Valmetal.LocalPostgres.PostgresDataDirectory.DeleteOutside(_state);
        Directory.Delete(_state, recursive: true);
    }

    private static string Setting(string name, int value) => string.Create(CultureInfo.InvariantCulture, $"--LocalStack:{name}={value}");
}
