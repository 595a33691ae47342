using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Valmetal.Bench.Web;
using DemoFleet = Valmetal.DeviceContract.DemoFleet.Fleet;
using DemoUsers = Valmetal.DeviceContract.DemoFleet.DemoUsers;
using Valmetal.DeviceContract.Schema;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.Identity;

namespace Valmetal.Bench.Api;

/// <summary>A farmer the bench registered: their token, their farm's units, and the unit whose history was seeded.</summary>
public sealed record BenchFarmer(string Token, Guid FarmId, IReadOnlyList<string> Units, string HistoryUnit);

/// <summary>
/// Registers the callers as an admin would: a farm per farmer through the API, its units through the API's
/// registration, the farmer as a user of the pool (the API's user administration), then signs each farmer in with
/// the pool as the web app does. History is seeded into the rollups for one unit per farm.
/// </summary>
public static class BenchFarmers
{
    public const string ModelCode = "VM-FM-1200";
    private const string Password = "Bench-Farmer-2026";

    public static async Task<List<BenchFarmer>> RegisterAsync(BenchPlatform platform, int farmers, int unitsPerFarm)
    {
        var ca = Path.Combine(platform.StateDirectory, "pki", "ca.crt");
        using var admin = new HttpClient(LocalTrust.Handler(ca)) { BaseAddress = platform.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await SignInAsync(platform, DemoUsers.Admin.Email, DemoUsers.Admin.Password));
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var registered = new List<BenchFarmer>();
        for (var f = 0; f < farmers; f++)
        {
            var farm = await PostAsync(admin, "api/farms", new { name = $"Bench farm {run}-{f}", address = "1 rang du Banc", timeZone = "America/Toronto" });
            var farmId = farm["id"]!.GetValue<Guid>();
            var units = Enumerable.Range(0, unitsPerFarm).Select(u => string.Create(CultureInfo.InvariantCulture, $"VM-BN-{run}-{f:000}-{u:00}")).ToList();
            // A few at a time, as an admin's tooling would; the API's per-user limit allows it.
            await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (serial, ct) => await PostAsync(admin, "api/equipment", new
            {
                serialNumber = serial, displayName = "Bench mixer " + serial, modelCode = ModelCode, farmId, installedOn = "2025-03-01", firmware = "3.3.0",
            }));
            var email = $"bench-{run.ToLowerInvariant()}-{f}@farm.local";
            await PostAsync(admin, "api/users", new { email, displayName = $"Bench farmer {f}", role = "farmers", farmIds = new[] { farmId }, initialPassword = Password });
            registered.Add(new BenchFarmer(await SignInAsync(platform, email, Password), farmId, units, units[0]));
        }

        await SeedHistoryAsync(platform, registered, HistoryMetric());
        return registered;
    }

    public static string HistoryMetric() => BenchPlatform.MetricsOf(DemoFleet.Equipment.First(e => DemoFleet.ModelOf(e).Code == ModelCode))[0].Key;

    /// <summary>
    /// Thirty days of rollups per history unit (the web bench's seeder), and the units' arrival on their farm moved
    /// back 31 days: farmers read history only from a unit's arrival, and these units stand for equipment that was on
    /// the farm before the bench registered it.
    /// </summary>
    private static async Task SeedHistoryAsync(BenchPlatform platform, List<BenchFarmer> farmers, string metric)
    {
        var database = await platform.DatabaseAsync();
        foreach (var farmer in farmers)
        {
            await HistorySeeder.SeedAsync(database, farmer.HistoryUnit, [metric]);
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var arrival = new NpgsqlCommand($"update {Tables.Equipment} set farm_since = now() - interval '31 days' where serial_number = any(@units)", connection);
        arrival.Parameters.AddWithValue("units", farmers.Select(f => f.HistoryUnit).ToArray());
        await arrival.ExecuteNonQueryAsync();
    }

    private static async Task<JsonObject> PostAsync(HttpClient admin, string path, object body)
    {
        while (true)
        {
            using var response = await admin.PostAsJsonAsync(path, body);
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                // The admin's own per-user limit: wait as told, as a well-behaved client does.
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
    }

    private static async Task<string> SignInAsync(BenchPlatform platform, string email, string password)
    {
        using var http = new HttpClient { BaseAddress = platform.CognitoUrl };
        var pool = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(platform.StateDirectory, "cognito", "valmetal-user-pool.json")));
        var step = await new SignInClient(new CognitoApiClient(http), TimeProvider.System)
            .SignInAsync(pool!["ClientId"]!.GetValue<string>(), email, password, CancellationToken.None);
        return step.Tokens?.AccessToken ?? throw new InvalidOperationException($"{email} was asked for {step.Challenge?.Name} at sign-in");
    }
}
