using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>Shadow semantics: desired configuration reaches the device; the delta lasts until the device reports it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DeviceShadowTests(PlatformFixture platform)
{
    [Fact]
    public async Task Desired_configuration_reaches_the_device_and_its_delta_clears_when_the_device_reports_it()
    {
        var device = PlatformFixture.TestDevice(4);
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        await client.SubscribeAsync(Topics.Config(device.Thing));
        using var farmer = await platform.CreateApiClientAsync(DemoUsers.All.First(u => u.FarmIds.Contains(device.FarmId) && u.Group == "farmers"));
        var etag = await StateETagAsync(farmer, device.Thing);

        var set = await PutDesiredAsync(farmer, device.Thing, etag, new JsonObject { ["mode"] = "manual", ["ration_kg"] = 900 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var state = (await set.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("manual", state["delta"]!["mode"]!.GetValue<string>());
        Assert.Equal(900, state["delta"]!["ration_kg"]!.GetValue<int>());
        await Eventually.GetAsync(() => Task.FromResult(client.Received.Contains(Topics.Config(device.Thing)) ? "received" : null),
            TimeSpan.FromSeconds(10), "the device to receive its configuration");

        var stale = await PutDesiredAsync(farmer, device.Thing, etag, new JsonObject { ["mode"] = "auto" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        await client.PublishAsync(Topics.State(device.Thing), new { reported = new { mode = "manual", ration_kg = 900 }, version = 7 });
        var cleared = await Eventually.GetAsync(async () =>
        {
            var now = await farmer.GetFromJsonAsync<JsonObject>($"api/equipment/{device.Thing}/state");
            return now!["delta"]!.AsObject().Count == 0 ? now : null;
        }, TimeSpan.FromSeconds(20), "the delta to clear");
        Assert.Equal("manual", cleared["desired"]!["mode"]!.GetValue<string>());
        Assert.Equal("manual", cleared["reported"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Partial_updates_merge_with_per_key_timestamps_and_null_deletes_a_key()
    {
        var device = PlatformFixture.TestDevice(4);
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await client.PublishAsync(Topics.State(device.Thing), new { reported = new { lamp = "green", shift = "am" }, version = 20 });
        var first = await ReportedAsync(admin, device.Thing, s => s["reported"]!["lamp"]?.GetValue<string>() == "green");
        var lampAt = first["metadata"]!["reported"]!["lamp"]!.GetValue<DateTimeOffset>();
        Assert.InRange(lampAt, before, DateTimeOffset.UtcNow.AddSeconds(1));

        // A partial report changes one key and keeps the other, with its own timestamp untouched; null deletes.
        await Task.Delay(1100);
        await client.PublishAsync(Topics.State(device.Thing), new { reported = new { shift = "pm", lamp = (string?)null }, version = 21 });
        var second = await ReportedAsync(admin, device.Thing, s => s["reported"]!["shift"]?.GetValue<string>() == "pm");
        Assert.False(second["reported"]!.AsObject().ContainsKey("lamp"));
        Assert.False(second["metadata"]!["reported"]!.AsObject().ContainsKey("lamp"));
        Assert.True(second["metadata"]!["reported"]!["shift"]!.GetValue<DateTimeOffset>() > lampAt);
        Assert.Equal(21, second["reportedVersion"]!.GetValue<long>());

        var set = await PutDesiredAsync(admin, device.Thing, await StateETagAsync(admin, device.Thing), new JsonObject { ["shift"] = "night" });
        set.EnsureSuccessStatusCode();
        var desired = (await set.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(desired["metadata"]!["desired"]!["shift"]!.GetValue<DateTimeOffset>() >= before);
        var removed = await PutDesiredAsync(admin, device.Thing, set.Headers.ETag!.ToString(), new JsonObject { ["shift"] = null });
        removed.EnsureSuccessStatusCode();
        var after = (await removed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(after["desired"]!.AsObject().ContainsKey("shift"));
        Assert.False(after["metadata"]!["desired"]!.AsObject().ContainsKey("shift"));
        Assert.False(after["delta"]!.AsObject().ContainsKey("shift"));
    }

    private static Task<JsonObject> ReportedAsync(HttpClient api, string thing, Func<JsonObject, bool> done) =>
        Eventually.GetAsync(async () =>
        {
            var state = await api.GetFromJsonAsync<JsonObject>($"api/equipment/{thing}/state");
            return done(state!) ? state : null;
        }, TimeSpan.FromSeconds(15), "the reported state");

    private static async Task<string> StateETagAsync(HttpClient api, string thing)
    {
        using var response = await api.GetAsync($"api/equipment/{thing}/state");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    private static async Task<HttpResponseMessage> PutDesiredAsync(HttpClient api, string thing, string etag, JsonObject desired)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/equipment/{thing}/desired") { Content = JsonContent.Create(new { desired }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await api.SendAsync(request);
    }
}
