using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// Alarms from thresholds held for their delay, from device faults and from going offline; their life through
/// acknowledgement to clearing; live push; and tenant isolation of the alarm list.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AlarmTests(PlatformFixture platform)
{
    private const string Metric = "motor_temp_c";
    private static readonly DemoEquipment Device = PlatformFixture.TestDevice(0);
    private static readonly DemoUser Owner = DemoUsers.All.First(u => u.FarmIds.Contains(Device.FarmId) && u.Group == "farmers");
    private static readonly DemoUser Stranger = DemoUsers.All.First(u => !u.FarmIds.Contains(Device.FarmId) && u.Group == "farmers");

    [Fact]
    public async Task A_threshold_held_past_its_delay_raises_an_alarm_that_is_acknowledged_then_cleared_and_a_spike_raises_none()
    {
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing);
        using var owner = await platform.CreateApiClientAsync(Owner);
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));

        // 4 s above the critical threshold (105 °C) is shorter than the 10 s delay: no alarm.
        await PublishSamplesAsync(client, start, [120, 121, 122, 123, 60], seq: 1);
        await WaitForThresholdStateAsync(start.AddSeconds(4));
        Assert.Null(await OpenThresholdAlarmAsync(owner));

        // 13 s above it is an alarm, critical, stamped when the delay was reached.
        await PublishSamplesAsync(client, start.AddSeconds(10), Enumerable.Repeat(120.0, 14).ToArray(), seq: 2);
        var alarm = await Eventually.GetAsync(() => OpenThresholdAlarmAsync(owner), TimeSpan.FromSeconds(20), "the threshold alarm");
        Assert.Equal("critical", alarm["severity"]!.GetValue<string>());
        Assert.Equal("active", alarm["state"]!.GetValue<string>());
        Assert.Equal(start.AddSeconds(20), alarm["raisedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Motor temperature above 105 °C (120 °C)", alarm["message"]!.GetValue<string>());
        var id = alarm["id"]!.GetValue<Guid>();
        // Described in the reader's language, with the catalogue's French name.
        using var inFrench = new HttpRequestMessage(HttpMethod.Get, $"api/alarms/{id}") { Headers = { AcceptLanguage = { new("fr-CA") } } };
        var french = await (await owner.SendAsync(inFrench)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Température du moteur au-dessus de 105 °C (120 °C)", french!["message"]!.GetValue<string>());

        // Farmers of other farms cannot see or acknowledge it.
        using var stranger = await platform.CreateApiClientAsync(Stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"api/alarms/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"api/alarms/{id}/acknowledge", null)).StatusCode);
        var strangersList = await stranger.GetFromJsonAsync<JsonObject>("api/alarms?state=all&pageSize=200");
        Assert.DoesNotContain(strangersList!["items"]!.AsArray(), a => a!["id"]!.GetValue<Guid>() == id);

        var acknowledged = await owner.PostAsync($"api/alarms/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var body = (await acknowledged.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("acknowledged", body["state"]!.GetValue<string>());
        Assert.Equal(Owner.Email, body["acknowledgedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsync($"api/alarms/{id}/acknowledge", null)).StatusCode);

        // Back below the threshold: the alarm clears and stays in the history.
        await PublishSamplesAsync(client, start.AddSeconds(30), [55], seq: 3);
        var cleared = await Eventually.GetAsync(async () =>
        {
            var now = await owner.GetFromJsonAsync<JsonObject>($"api/alarms/{id}");
            return now!["state"]!.GetValue<string>() == "cleared" ? now : null;
        }, TimeSpan.FromSeconds(20), "the alarm to clear");
        Assert.NotNull(cleared["clearedAt"]);
        Assert.Equal(Owner.Email, cleared["acknowledgedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_device_fault_raises_an_alarm_pushed_live_once_however_often_it_is_delivered_and_clears_when_the_fault_ends()
    {
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var live = new LiveStream(await platform.CreateApiClientAsync(Owner), $"api/live?farmId={Device.FarmId}");
        await live.StartedAsync();
        var code = "E" + Random.Shared.Next(100, 999);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var fault = new EventPayload(at, code, "major", true, "Auger motor overload");

        await client.PublishAsync(Topics.Events(Device.Thing), fault);
        await client.PublishAsync(Topics.Events(Device.Thing), fault);
        var alarm = await Eventually.GetAsync(async () =>
        {
            var list = await admin.GetFromJsonAsync<JsonObject>($"api/alarms?serialNumber={Device.Thing}&state=all&pageSize=200");
            return list!["items"]!.AsArray().FirstOrDefault(a => a!["source"]!.GetValue<string>() == code)?.AsObject();
        }, TimeSpan.FromSeconds(20), "the fault alarm");
        Assert.Equal("fault", alarm["kind"]!.GetValue<string>());
        Assert.Equal("major", alarm["severity"]!.GetValue<string>());
        Assert.Equal($"{code}: Auger motor overload", alarm["message"]!.GetValue<string>());
        var id = alarm["id"]!.GetValue<Guid>();
        await live.WaitForAsync(id.ToString(), TimeSpan.FromSeconds(10));

        await client.PublishAsync(Topics.Events(Device.Thing), fault with { Ts = at.AddSeconds(2), Active = false });
        await Eventually.GetAsync(async () =>
        {
            var now = await admin.GetFromJsonAsync<JsonObject>($"api/alarms/{id}");
            return now!["state"]!.GetValue<string>() == "cleared" ? now : null;
        }, TimeSpan.FromSeconds(20), "the fault alarm to clear");
        var history = await admin.GetFromJsonAsync<JsonObject>($"api/alarms?serialNumber={Device.Thing}&state=all&pageSize=200");
        Assert.Single(history!["items"]!.AsArray(), a => a!["source"]!.GetValue<string>() == code);
    }

    [Fact]
    public async Task An_event_breaking_the_contract_is_rejected_with_its_reason_and_listed_for_admins()
    {
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var code = "X" + Random.Shared.Next(100, 999);

        await client.PublishAsync(Topics.Events(Device.Thing), new { ts = DateTimeOffset.UtcNow, code, severity = "apocalyptic", active = true });

        var rejection = await Eventually.GetAsync(async () =>
        {
            var page = await admin.GetFromJsonAsync<JsonObject>($"api/admin/rejections?thing={Device.Thing}&reason=invalid_schema");
            return page!["items"]!.AsArray().SelectMany(r => r!["samples"]!.AsArray())
                .FirstOrDefault(s => s!["excerpt"]!.GetValue<string>().Contains(code, StringComparison.Ordinal))?.AsObject();
        }, TimeSpan.FromSeconds(20), "the rejected event among the samples");
        Assert.Contains("severity", rejection["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Topics.Events(Device.Thing), rejection["topic"]!.GetValue<string>());
    }

    [Fact]
    public async Task Going_offline_by_status_or_by_silence_raises_an_offline_alarm_that_clears_when_the_device_is_back()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        await using (var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing))
        {
            await client.PublishAsync(Topics.Status(Device.Thing), new { online = true, ts = DateTimeOffset.UtcNow });
            await Eventually.GetAsync(() => OfflineAlarmAsync(admin, open: false), TimeSpan.FromSeconds(20), "no open offline alarm");
            await client.PublishAsync(Topics.Status(Device.Thing), new { online = false, ts = DateTimeOffset.UtcNow });
            var offline = await Eventually.GetAsync(() => OfflineAlarmAsync(admin, open: true), TimeSpan.FromSeconds(20), "the offline alarm");
            Assert.Equal("major", offline["severity"]!.GetValue<string>());

            // Data from the device means it is back, with or without a status message.
            await PublishSamplesAsync(client, DateTimeOffset.UtcNow.AddSeconds(-1), [40], seq: 10);
            await Eventually.GetAsync(() => OfflineAlarmAsync(admin, open: false), TimeSpan.FromSeconds(20), "the offline alarm to clear");
        }

        // Silence past the model's inactivity timeout, with no will message (the test client disconnected cleanly).
        var model = $"api/models/{Device.ModelCode}";
        var original = (await admin.GetFromJsonAsync<JsonObject>(model))!;
        await SetInactivityTimeoutAsync(admin, model, 10);
        try
        {
            await using (var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing))
            {
                await PublishSamplesAsync(client, DateTimeOffset.UtcNow.AddSeconds(-1), [41], seq: 11);
                await Eventually.GetAsync(async () =>
                    (await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{Device.Thing}/state"))!["online"]!.GetValue<bool>() ? "online" : null,
                    TimeSpan.FromSeconds(20), "the device to be online");
            }

            var silent = await Eventually.GetAsync(() => OfflineAlarmAsync(admin, open: true), TimeSpan.FromSeconds(40), "the inactivity alarm");
            Assert.Contains("No message for more than 10 s", silent["message"]!.GetValue<string>());
            Assert.False((await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{Device.Thing}/state"))!["online"]!.GetValue<bool>());
        }
        finally
        {
            await SetInactivityTimeoutAsync(admin, model, original["inactivityTimeoutSeconds"]!.GetValue<int>());
        }
    }

    private static async Task SetInactivityTimeoutAsync(HttpClient admin, string model, int seconds)
    {
        using var read = await admin.GetAsync(model);
        var current = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        using var request = new HttpRequestMessage(HttpMethod.Put, model + "/catalogue")
        {
            Content = JsonContent.Create(new { inactivityTimeoutSeconds = seconds, metrics = current["metrics"]!.DeepClone() }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static Task PublishSamplesAsync(DeviceClient client, DateTimeOffset start, double[] values, long seq) =>
        client.PublishAsync(Topics.Telemetry(Device.Thing), new TelemetryPayload
        {
            Seq = seq,
            Samples = values.Select((v, i) => new TelemetrySample(start.AddSeconds(i), new Dictionary<string, double> { [Metric] = v })).ToList(),
        });

    private async Task WaitForThresholdStateAsync(DateTimeOffset lastTs)
    {
        await using var db = new Npgsql.NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await Eventually.GetAsync(async () =>
        {
            await using var command = new Npgsql.NpgsqlCommand($"select last_ts from {Tables.ThresholdStates} where thing = @thing and metric = @metric", db);
            command.Parameters.AddWithValue("thing", Device.Thing);
            command.Parameters.AddWithValue("metric", Metric);
            return await command.ExecuteScalarAsync() is DateTime stored && stored >= lastTs.UtcDateTime ? "stored" : null;
        }, TimeSpan.FromSeconds(20), "the threshold state");
    }

    private static async Task<JsonObject?> OpenThresholdAlarmAsync(HttpClient api)
    {
        var list = await api.GetFromJsonAsync<JsonObject>($"api/alarms?serialNumber={Device.Thing}");
        return list!["items"]!.AsArray().FirstOrDefault(a => a!["kind"]!.GetValue<string>() == "threshold" && a["source"]!.GetValue<string>() == Metric)?.AsObject();
    }

    private static async Task<JsonObject?> OfflineAlarmAsync(HttpClient api, bool open)
    {
        var list = await api.GetFromJsonAsync<JsonObject>($"api/alarms?serialNumber={Device.Thing}");
        var found = list!["items"]!.AsArray().FirstOrDefault(a => a!["kind"]!.GetValue<string>() == "offline")?.AsObject();
        return open ? found : found is null ? new JsonObject() : null;
    }
}
