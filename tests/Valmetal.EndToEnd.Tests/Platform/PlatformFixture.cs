using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Valmetal.AppHost.LocalStack;
using Valmetal.LocalPostgres;
using Valmetal.AppHost.Startup;
using Valmetal.TestSupport;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.Identity;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>
/// Starts the whole AppHost once per test run (PostgreSQL, Mosquitto, dynalite, s3rver, cognito-local,
/// API, telemetry, web, simulator) with its own state folder and ports, so it can run beside `./build.sh run`.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>The simulator runs the first 20 devices; the last 5 of the demo fleet are the tests' own.</summary>
    public const int SimulatedDevices = 20;

    /// <summary>Telemetry replicas (telemetry-1, telemetry-2...): they split the device messages between them.</summary>
    public const int TelemetryReplicas = 2;

    /// <summary>The API's and the web app's replicas behind the gateway, as the AppHost names them by default.</summary>
    public static readonly string[] ApiReplicas = ["api-1", "api-2"];

    public static readonly string[] WebReplicas = ["web-1", "web-2"];

    /// <summary>The notifier's replicas: they split the outbox between them by row locks and leases.</summary>
    public static readonly string[] NotifierReplicas = ["notifier-1", "notifier-2"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private DistributedApplication? _app;
    private readonly AppHostLog _appHostLog = new();
    private Task _logs = Task.CompletedTask;

    /// <summary>Every line a resource logged at error level, since the platform started.</summary>
    public ConcurrentQueue<ErrorLogLine> ErrorLines { get; } = new();

    /// <summary>What the AppHost itself logged at warning level or above, until <see cref="HealthyAt"/>.</summary>
    public IReadOnlyList<string> AppHostWarningsWhileStarting { get; private set; } = [];

    /// <summary>When every part of the platform had become healthy.</summary>
    public DateTimeOffset HealthyAt { get; private set; }

    /// <summary>Every resource's console output, one file each, kept with the test results for diagnosis.</summary>
    public static string LogDirectory { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "logs");

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "valmetal-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public int BrokerPort { get; } = LocalPorts.Free();

    public int CognitoPort { get; } = LocalPorts.Free();

    /// <summary>maildev's web inbox: its REST API lists the e-mail the notifier sent.</summary>
    public int MailInboxPort { get; } = LocalPorts.Free();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started.");

    /// <summary>The API's load balancer (the gateway, HTTPS with a certificate of the local CA).</summary>
    public int ApiPort { get; } = LocalPorts.Free();

    /// <summary>The web app's load balancer (the gateway, HTTPS); <see cref="WebRedirectPort"/> redirects to it.</summary>
    public int WebPort { get; } = LocalPorts.Free();

    public int WebRedirectPort { get; } = LocalPorts.Free();

    public Uri ApiUrl => new(string.Create(CultureInfo.InvariantCulture, $"https://localhost:{ApiPort}/"));

    public Uri WebUrl => new(string.Create(CultureInfo.InvariantCulture, $"https://localhost:{WebPort}/"));

    /// <summary>The local CA, the root of the gateway's and the broker's certificates.</summary>
    public string CaCertificatePath => Path.Combine(StateDirectory, "pki", "ca.crt");

    /// <summary>An HTTP client for the gateway, trusting the local CA only (<see cref="LocalTrust"/>).</summary>
    public HttpClient CreateGatewayClient(Uri baseAddress) =>
        new(LocalTrust.Handler(CaCertificatePath)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>How long PostgreSQL lets one history query run on this platform.</summary>
    public static readonly TimeSpan HistoryStatementTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a recipient hears nothing more about one alarm condition after a message about it.</summary>
    public static readonly TimeSpan NotifierRateLimitWindow = TimeSpan.FromSeconds(15);

    /// <summary>How long a notifier holds a message it claimed before another may send it.</summary>
    public static readonly TimeSpan NotifierLease = TimeSpan.FromSeconds(10);

    /// <summary>How long one minute of a farm's escalation delay lasts on this platform.</summary>
    public static readonly TimeSpan NotifierEscalationMinute = TimeSpan.FromSeconds(10);

    public static DemoEquipment TestDevice(int index) => Fleet.Equipment[SimulatedDevices + index];

    /// <summary>An API client signed in as <paramref name="user"/> (a demo account of DemoUsers), or anonymous.</summary>
    public async Task<HttpClient> CreateApiClientAsync(DemoUser? user)
    {
        var client = CreateGatewayClient(ApiUrl);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await AccessTokenAsync(user));
        }

        return client;
    }

    /// <summary>Signs in with the user pool exactly as the web app does, once per user per run.</summary>
    public async Task<string> AccessTokenAsync(DemoUser user)
    {
        await _tokenGate.WaitAsync();
        try
        {
            if (!_tokens.TryGetValue(user.Email, out var token))
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{CognitoPort}") };
                var signIn = new SignInClient(new CognitoApiClient(http), TimeProvider.System);
                var step = await signIn.SignInAsync(await UserPoolClientIdAsync(), user.Email, user.Password, CancellationToken.None);
                token = step.Tokens?.AccessToken ?? throw new InvalidOperationException($"{user.Email} was asked for {step.Challenge?.Name} at sign-in");
                _tokens[user.Email] = token;
            }

            return token;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    public async Task<string> UserPoolClientIdAsync()
    {
        var pool = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(StateDirectory, "cognito", "valmetal-user-pool.json")));
        return pool!["ClientId"]!.GetValue<string>();
    }

    /// <summary>A demo device's identity as the AppHost issued it. Services' identities stay theirs: a second
    /// connection with the same certificate would take over their client id.</summary>
    public BrokerConnectionOptions DeviceIdentity(string thing) => new()
    {
        Host = "127.0.0.1",
        Port = BrokerPort,
        // The bundle the services use (system roots, then the local CA), as devices would hold in AWS.
        CaCertificatePath = Path.Combine(StateDirectory, "pki", "ca.crt"),
        CertificatePath = Path.Combine(StateDirectory, "pki", "devices", thing + ".crt"),
        PrivateKeyPath = Path.Combine(StateDirectory, "pki", "devices", thing + ".key"),
    };

    /// <summary>
    /// Keeps the credentials the API issued to <paramref name="serial"/> as files, the way a device stores them, and
    /// connects where they say: the broker's host and port, trusting the CA they hand over.
    /// </summary>
    public async Task<BrokerConnectionOptions> WriteIssuedIdentityAsync(string serial, JsonObject credentials)
    {
        var folder = Path.Combine(StateDirectory, "issued", serial);
        Directory.CreateDirectory(folder);
        var identity = DeviceIdentity(serial);
        identity.Host = credentials["brokerHost"]!.GetValue<string>();
        identity.Port = credentials["brokerPort"]!.GetValue<int>();
        identity.CaCertificatePath = Path.Combine(folder, "ca.crt");
        identity.CertificatePath = Path.Combine(folder, "device.crt");
        identity.PrivateKeyPath = Path.Combine(folder, "device.key");
        await File.WriteAllTextAsync(identity.CaCertificatePath, credentials["caCertificatePem"]!.GetValue<string>());
        await File.WriteAllTextAsync(identity.CertificatePath, credentials["certificatePem"]!.GetValue<string>());
        await File.WriteAllTextAsync(identity.PrivateKeyPath, credentials["privateKeyPem"]!.GetValue<string>());
        return identity;
    }

    /// <summary>Registers a new feed mixer (on the first demo farm unless told) and issues its identity, as an admin would.</summary>
    public async Task<BrokerConnectionOptions> RegisterDeviceAsync(string serial, Guid? farmId = null)
    {
        using var admin = await CreateApiClientAsync(DemoUsers.Admin);
        (await admin.PostAsJsonAsync("api/equipment", new
        {
            serialNumber = serial, displayName = "Test mixer " + serial, modelCode = "VM-FM-1200", farmId = farmId ?? Fleet.Farms[0].Id,
            installedOn = "2025-03-01", firmware = "3.3.0",
        })).EnsureSuccessStatusCode();
        var issued = await admin.PostAsync($"api/equipment/{serial}/certificate", null);
        issued.EnsureSuccessStatusCode();
        return await WriteIssuedIdentityAsync(serial, (await issued.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task<string> DatabaseConnectionStringAsync() =>
        await App.GetConnectionStringAsync("postgres") + ";Database=valmetal";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        string[] args =
        [
            $"--LocalStack:StateDirectory={StateDirectory}",
            Setting("BrokerPort", BrokerPort),
            Setting("ServiceBrokerPort", LocalPorts.Free()),
            Setting("PostgresPort", LocalPorts.Free()),
            Setting("DynamoDbPort", LocalPorts.Free()),
            Setting("S3Port", LocalPorts.Free()),
            Setting("CognitoPort", CognitoPort),
            Setting("SmtpPort", LocalPorts.Free()),
            Setting("MailInboxPort", MailInboxPort),
            Setting("ApiPort", ApiPort),
            Setting("WebPort", WebPort),
            Setting("WebRedirectPort", WebRedirectPort),
            Setting("SimulatedDevices", SimulatedDevices),
            Setting("TelemetryReplicas", TelemetryReplicas),
            "--LocalStack:SimulatorInterval=00:00:01",
            HeadlessPlatform.NoTelemetryExport,
            "--LocalStack:DocumentSweepInterval=00:00:01",
            // Simulated devices stay connected and healthy: tests count devices online and alarms on the badge.
            "--Simulator:OfflineBursts=false",
            "--Simulator:Faults=false",
            "--Simulator:Overheats=false",
            // Every browser test signs in from this machine, dozens of times within minutes; Valmetal.Web.Tests
            // checks the sign-in limits themselves. The API keeps its default per-user limits.
            "--RateLimits:SignIn:PerAccountPermits=10000",
            "--RateLimits:SignIn:PerAddressPermits=100000",
            // The suite signs in as a handful of users, fuzzes every operation with thousands of requests and reads
            // history 20 at a time to hold the database pool during a restart: the per-user limits would throttle the
            // suite itself. Their behaviour is tested in Valmetal.Api.Tests.
            "--RateLimits:Api:PerUserBurst=100000",
            "--RateLimits:Api:PerUserPerSecond=10000",
            "--RateLimits:Api:PerUserConcurrentHistoryQueries=100",
            // Short enough for QueryTimeLimitTests to see PostgreSQL stop a query; history reads of the suite take
            // milliseconds, since they read rollups.
            $"--TelemetryReads:HistoryStatementTimeout={HistoryStatementTimeout:c}",
            // Short enough for NotificationTests to see a flapping alarm collapsed, a killed sender's message sent again
            // and an alarm escalated within seconds; the defaults (10 minutes, 30 s, 1 minute) are in NotifierOptions.
            $"--Notifier:RateLimitWindow={NotifierRateLimitWindow:c}",
            $"--Notifier:Lease={NotifierLease:c}",
            $"--Notifier:EscalationMinute={NotifierEscalationMinute:c}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Valmetal_AppHost>(
            args, (options, _) => options.DisableDashboard = true, timeout.Token);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.Services.AddLogging(logging => logging.AddProvider(_appHostLog));

        _app = await builder.BuildAsync(timeout.Token);
        _logs = ResourceLogFiles.Start(_app, LogDirectory, ErrorLines, _stopping.Token);
        await _app.StartAsync(timeout.Token);
        var telemetry = Enumerable.Range(1, TelemetryReplicas).Select(replica => $"telemetry-{replica}");
        string[] resources = ["postgres", "broker", "dynamodb", "s3", "cognito", "iot-core", "mail", "sms", .. ApiReplicas, .. telemetry,
            .. WebReplicas, .. NotifierReplicas, "gateway"];

        // A part that cannot start stops the platform with one line (StartupWatch): fail with it, not a timeout.
        var failure = _app.Services.GetRequiredService<StartupWatch>().Failure;
        foreach (var resource in resources)
        {
            var healthy = _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            if (await Task.WhenAny(healthy, failure) == failure)
            {
                throw new InvalidOperationException(await failure);
            }

            await healthy;
        }

        HealthyAt = DateTimeOffset.UtcNow;
        AppHostWarningsWhileStarting = _appHostLog.Entries;

        await BrowserTrust.TrustAsync(CaCertificatePath, Path.Combine(StateDirectory, "browser-home"));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _stopping.CancelAsync();
            await _logs;
            await _app.DisposeAsync();
        }

        PostgresDataDirectory.DeleteOutside(StateDirectory);
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Ends a resource's processes abruptly (SIGKILL), as a crash or an out-of-memory kill would; the whole tree,
    /// because projects run under a <c>dotnet run</c> parent.
    /// </summary>
    public void Kill(string resource) => System.Diagnostics.Process.GetProcessById(ProcessId(resource)).Kill(entireProcessTree: true);

    /// <summary>Sends a signal the process handles itself, such as SIGINT for PostgreSQL's fast shutdown.</summary>
    public async Task SignalAsync(string resource, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, ProcessId(resource).ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Stops a resource the way the dashboard's stop button does (SIGTERM, then a kill if it lingers).</summary>
    public Task StopAsync(string resource) => CommandAsync(resource, "resource-stop");

    /// <summary>Starts a stopped or exited resource again and waits until it is running.</summary>
    public async Task StartAsync(string resource)
    {
        await App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart")
            .WaitAsync(TimeSpan.FromSeconds(60));
        await CommandAsync(resource, "resource-start");
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.Running).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task CommandAsync(string resource, string command)
    {
        var model = App.Services.GetRequiredService<Aspire.Hosting.ApplicationModel.DistributedApplicationModel>();
        var result = await App.ResourceCommands.ExecuteCommandAsync(model.Resources.Single(r => r.Name == resource), command);
        Assert.True(result.Success, $"{command} {resource}: {result.Message}");
    }

    /// <summary>An environment variable the AppHost gave a running resource.</summary>
    public string? ResourceEnvironment(string resource, string name)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resource, out var current), $"no state for {resource}");
        return current.Snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == name)?.Value;
    }

    private int ProcessId(string resource)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resource, out var current), $"no state for {resource}");
        var pid = current.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    private static string FindRepositoryRoot() => RepositoryLocator.Above(AppContext.BaseDirectory) ?? Path.GetTempPath();

    private static string Setting(string name, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"--LocalStack:{name}={value}");
}

/// <summary>Every end-to-end test: one platform and one browser process per run, shared in turn (never in parallel).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>, ICollectionFixture<Web.SharedBrowser>
{
    public const string Name = "platform";
}
