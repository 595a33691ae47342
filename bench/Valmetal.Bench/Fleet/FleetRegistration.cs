using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Valmetal.Api.Contracts;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.Identity;

namespace Valmetal.Bench.Fleet;

/// <summary>One registered unit: its thing name, its model's metrics and the identity the API issued it.</summary>
public sealed record FleetUnit(string Thing, MetricDefinition[] Metrics, BrokerConnectionOptions Identity);

/// <summary>How long registration took, phase by phase.</summary>
public sealed record RegistrationTimes(int Farms, TimeSpan FarmsTook, TimeSpan EquipmentTook, TimeSpan CertificatesTook);

/// <summary>
/// Registers the fleet as an admin does, through the API behind the gateway: farms of 50 units (a farmer's fleet), each
/// unit, then each unit's certificate (issued by the device registry, the IoT fake, signing with the local CA). The
/// private key comes back once and stays in memory, as a device keeps it.
/// </summary>
public static class FleetRegistration
{
    public const int UnitsPerFarm = 50;
    private const int Concurrency = 16;

    /// <summary>Every unit is a feed mixer: three of its metrics go in each message (BenchPlatform.MetricsOf).</summary>
    private static readonly EquipmentModelDefinition Model = DemoModels.FeedMixer;

    public static async Task<(List<FleetUnit> Units, RegistrationTimes Times)> RegisterAsync(BenchPlatform platform, int devices)
    {
        using var api = await AdminClientAsync(platform);
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var clock = Stopwatch.StartNew();
        var farms = await InParallelAsync(Enumerable.Range(0, (devices + UnitsPerFarm - 1) / UnitsPerFarm).ToList(), async i =>
        {
            using var created = await api.PostAsJsonAsync("api/farms", new { name = $"Fleet farm {run}-{i}", address = $"{i} rang du Banc", timeZone = "America/Toronto" });
            await Ensure(created, "create a farm");
            return (await created.Content.ReadFromJsonAsync<FarmResponse>())!.Id;
        });
        var farmsTook = clock.Elapsed;

        var serials = Enumerable.Range(0, devices).Select(i => $"FLEET-{run}-{i:D5}").ToList();
        await InParallelAsync(serials.Select((serial, i) => (serial, i)).ToList(), async unit =>
        {
            using var registered = await api.PostAsJsonAsync("api/equipment", new
            {
                serialNumber = unit.serial, displayName = "Fleet mixer " + unit.serial, modelCode = Model.Code, farmId = farms[unit.i / UnitsPerFarm],
                installedOn = "2025-03-01", firmware = "3.3.0",
            });
            await Ensure(registered, "register a unit");
            return unit.serial;
        });
        var equipmentTook = clock.Elapsed - farmsTook;

        var metrics = Model.Metrics.Take(3).ToArray();
        var units = await InParallelAsync(serials, async serial =>
        {
            using var issued = await api.PostAsync($"api/equipment/{serial}/certificate", null);
            await Ensure(issued, "issue a certificate");
            var credentials = (await issued.Content.ReadFromJsonAsync<DeviceCredentials>())!;
            return new FleetUnit(serial, metrics, new BrokerConnectionOptions
            {
                // The broker the credentials name, on the port this platform gave it.
                Host = credentials.BrokerHost is "localhost" ? "127.0.0.1" : credentials.BrokerHost,
                Port = platform.BrokerPort,
                CaCertificatePem = credentials.CaCertificatePem,
                CertificatePem = credentials.CertificatePem,
                PrivateKeyPem = credentials.PrivateKeyPem,
                SocketBufferBytes = BrokerConnectionOptions.DeviceSocketBufferBytes,
            });
        });
        return (units, new RegistrationTimes(farms.Count, farmsTook, equipmentTook, clock.Elapsed - farmsTook - equipmentTook));
    }

    /// <summary>An API client through the gateway, trusting only the local CA, signed in as the demo admin.</summary>
    private static async Task<HttpClient> AdminClientAsync(BenchPlatform platform)
    {
        using var cognitoHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{platform.CognitoPort}") };
        var pool = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(platform.StateDirectory, "cognito", "valmetal-user-pool.json")))!;
        var step = await new SignInClient(new CognitoApiClient(cognitoHttp), TimeProvider.System)
            .SignInAsync(pool["ClientId"]!.GetValue<string>(), DemoUsers.Admin.Email, DemoUsers.Admin.Password, CancellationToken.None);
        var token = step.Tokens?.AccessToken ?? throw new InvalidOperationException($"The admin was asked for {step.Challenge?.Name} at sign-in.");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Concurrency,
            SslOptions =
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(platform.StateDirectory, "pki", "ca.crt"))) },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://localhost:{platform.ApiPort}/"),
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };
    }

    private static async Task<List<TResult>> InParallelAsync<T, TResult>(List<T> items, Func<T, Task<TResult>> action)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) => results[i] = await action(items[i]));
        return [.. results];
    }

    private static async Task Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
