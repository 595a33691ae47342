using System.Globalization;
using System.Net.Sockets;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
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

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private DistributedApplication? _app;
    private Task _logs = Task.CompletedTask;

    /// <summary>Every resource's console output, one file each, kept with the test results for diagnosis.</summary>
    public static string LogDirectory { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "logs");

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "valmetal-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public int BrokerPort { get; } = FreePort();

    public int CognitoPort { get; } = FreePort();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started.");

    public Uri ApiUrl => App.GetEndpoint("api", "http");

    public Uri WebUrl => App.GetEndpoint("web", "http");

    public static DemoEquipment TestDevice(int index) => Fleet.Equipment[SimulatedDevices + index];

    /// <summary>An API client signed in as <paramref name="user"/> (a demo account of DemoUsers), or anonymous.</summary>
    public async Task<HttpClient> CreateApiClientAsync(DemoUser? user)
    {
        var client = new HttpClient { BaseAddress = ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
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
                token = (await signIn.SignInAsync(await UserPoolClientIdAsync(), user.Email, user.Password, CancellationToken.None)).AccessToken;
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
        CaCertificatePath = Path.Combine(StateDirectory, "pki", "ca.crt"),
        CertificatePath = Path.Combine(StateDirectory, "pki", "devices", thing + ".crt"),
        PrivateKeyPath = Path.Combine(StateDirectory, "pki", "devices", thing + ".key"),
    };

    public async Task<string> DatabaseConnectionStringAsync() =>
        await App.GetConnectionStringAsync("postgres") + ";Database=valmetal";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        string[] args =
        [
            $"--LocalStack:StateDirectory={StateDirectory}",
            Setting("BrokerPort", BrokerPort),
            Setting("PostgresPort", FreePort()),
            Setting("DynamoDbPort", FreePort()),
            Setting("S3Port", FreePort()),
            Setting("CognitoPort", CognitoPort),
            Setting("ApiPort", FreePort()),
            Setting("WebPort", FreePort()),
            Setting("SimulatedDevices", SimulatedDevices),
            "--LocalStack:SimulatorInterval=00:00:01",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Valmetal_AppHost>(
            args, (options, _) => options.DisableDashboard = true, timeout.Token);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        _app = await builder.BuildAsync(timeout.Token);
        _logs = ResourceLogFiles.Start(_app, LogDirectory, _stopping.Token);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "postgres", "broker", "dynamodb", "s3", "cognito", "api", "telemetry-1", "telemetry-2", "web" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
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

        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Valmetal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }

    private static string Setting(string name, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"--LocalStack:{name}={value}");

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
