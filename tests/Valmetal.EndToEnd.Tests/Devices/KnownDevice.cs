using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>A device registered by the test, connected, and known to every telemetry replica.</summary>
public static class KnownDevice
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>How long one round of probes may take to be applied once both replicas know the device.</summary>
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Registers and connects a device, then waits until every replica knows it: each replica refreshes its catalogue
    /// on its own clock, and until then refuses the device's messages as unknown. The broker hands a shared
    /// subscription's messages to its members in turn, so a round of one probe key per replica, each key applied,
    /// shows that every replica has read the device and stored everything it had received before (in order).
    /// </summary>
    public static async Task<(string Serial, DeviceClient Client)> RegisterAsync(PlatformFixture platform, string prefix)
    {
        var serial = $"VM-FM-{prefix}{Random.Shared.Next(100_000, 999_999)}";
        var client = await DeviceClient.ConnectAsync(await platform.RegisterDeviceAsync(serial), serial);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        await Eventually.GetAsync(async () => await ProbeRoundAsync(admin, serial, client) ? "known" : null, Patience, $"every replica to know {serial}");
        return (serial, client);
    }

    /// <summary>Publishes a reported state until the API shows it.</summary>
    public static async Task ReportAsync(HttpClient admin, string serial, DeviceClient device, string payload, string mode)
    {
        await Eventually.GetAsync(async () =>
        {
            await device.PublishRawAsync(Topics.State(serial), payload);
            var state = await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{serial}/state");
            return state?["reported"]?["mode"]?.GetValue<string>() == mode ? state : null;
        }, Patience, $"{serial} to report mode {mode}");
    }

    private static async Task<bool> ProbeRoundAsync(HttpClient admin, string serial, DeviceClient device)
    {
        var round = Guid.NewGuid().ToString("N")[..12];
        var keys = Enumerable.Range(0, PlatformFixture.TelemetryReplicas).Select(i => $"probe_{round}_{i}").ToList();
        foreach (var key in keys)
        {
            await device.PublishRawAsync(Topics.State(serial), $$"""{"reported":{"{{key}}":1,"mode":"manual"},"version":1}""");
        }

        var state = await Eventually.PollAsync(
            async () =>
            {
                using var response = await admin.GetAsync($"api/equipment/{serial}/state");
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            },
            state => keys.All(k => state?["reported"]?[k] is not null),
            Round,
            TimeSpan.FromMilliseconds(100));
        return keys.All(k => state?["reported"]?[k] is not null);
    }
}
