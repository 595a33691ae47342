using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>A device registered by the test, connected, and known to the telemetry service.</summary>
public static class KnownDevice
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<(string Serial, DeviceClient Client)> RegisterAsync(PlatformFixture platform, string prefix)
    {
        var serial = $"VM-FM-{prefix}{Random.Shared.Next(100_000, 999_999)}";
        var client = await DeviceClient.ConnectAsync(await platform.RegisterDeviceAsync(serial), serial);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        await ReportAsync(admin, serial, client, """{"reported":{"mode":"manual"},"version":1}""", "manual");
        return (serial, client);
    }

    /// <summary>Publishes a reported state until the API shows it: the marker that what was sent before it was handled.</summary>
    public static async Task ReportAsync(HttpClient admin, string serial, DeviceClient device, string payload, string mode)
    {
        await Eventually.GetAsync(async () =>
        {
            // The telemetry service learns of new equipment on its catalogue refresh; until then the message is refused.
            await device.PublishRawAsync(Topics.State(serial), payload);
            var state = await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{serial}/state");
            return state?["reported"]?["mode"]?.GetValue<string>() == mode ? state : null;
        }, Patience, $"{serial} to report mode {mode}");
    }
}
