using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

[Collection(PlatformCollection.Name)]
public sealed class TelemetryRoundTripTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Telemetry_published_over_mutual_tls_is_stored_once_and_read_back_through_the_api()
    {
        var device = PlatformFixture.TestDevice(4);
        var ts = DateTimeOffset.UtcNow.AddSeconds(-30);
        ts = ts.AddTicks(-(ts.Ticks % TimeSpan.TicksPerMillisecond));
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);

        var first = await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
        {
            Seq = 1,
            Ts = ts,
            Metrics = new Dictionary<string, double> { ["cable_tension_kn"] = 12.5, ["position_m"] = 42.25 },
        });
        // A redelivery as the device would send it after a lost PUBACK (new seq, same sample): must not be stored twice.
        var again = await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
        {
            Seq = 2,
            Ts = ts,
            Metrics = new Dictionary<string, double> { ["cable_tension_kn"] = 12.5, ["position_m"] = 42.25 },
        });
        Assert.Equal(MqttClientPublishReasonCode.Success, first.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, again.ReasonCode);

        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var url = $"api/equipment/{device.Thing}/metrics/cable_tension_kn/history" +
                  $"?from={Uri.EscapeDataString(ts.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(ts.AddSeconds(1).ToString("O"))}&bucketSeconds=1";
        var history = await Eventually.GetAsync(async () =>
        {
            var response = await api.GetFromJsonAsync<JsonObject>(url);
            return response?["buckets"]?.AsArray().Count > 0 ? response : null;
        }, Patience, "the point to be queryable");

        var bucket = Assert.Single(history["buckets"]!.AsArray())!;
        Assert.Equal(1, bucket["count"]!.GetValue<long>());
        Assert.Equal(12.5, bucket["min"]!.GetValue<double>());
        Assert.Equal(12.5, bucket["max"]!.GetValue<double>());
        Assert.Equal("kN", history["unit"]!.GetValue<string>());

        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {Tables.Points} where thing = @thing and ts = @ts", db);
        count.Parameters.AddWithValue("thing", device.Thing);
        count.Parameters.AddWithValue("ts", ts.UtcDateTime);
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Live_state_shows_the_latest_values_and_reported_configuration()
    {
        var device = PlatformFixture.TestDevice(3);
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        await client.PublishAsync(Topics.Status(device.Thing), new StatusPayload(true, DateTimeOffset.UtcNow));
        await client.PublishAsync(Topics.State(device.Thing), new StatePayload(new() { ["mode"] = "manual", ["ration_kg"] = 850 }, 3));
        await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
        {
            Seq = 1,
            Ts = DateTimeOffset.UtcNow,
            Metrics = new Dictionary<string, double> { ["battery_pct"] = 77.5 },
        });

        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var state = await Eventually.GetAsync(async () =>
        {
            var response = await api.GetFromJsonAsync<JsonObject>($"api/equipment/{device.Thing}/state");
            return response?["metrics"]?["battery_pct"] is not null && response["reported"]?["mode"] is not null ? response : null;
        }, Patience, "the device state to be written");

        Assert.True(state["online"]!.GetValue<bool>());
        Assert.Equal(77.5, state["metrics"]!["battery_pct"]!["value"]!.GetValue<double>());
        Assert.Equal("manual", state["reported"]!["mode"]!.GetValue<string>());
        Assert.Equal(850, state["reported"]!["ration_kg"]!.GetValue<int>());
        Assert.Equal(3, state["reportedVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_value_outside_its_valid_range_is_kept_as_a_rejected_message_with_its_reason()
    {
        var device = PlatformFixture.TestDevice(2);
        var marker = DateTimeOffset.UtcNow;
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
        {
            Seq = 1,
            Ts = marker,
            Metrics = new Dictionary<string, double> { ["belt_speed_m_s"] = 99 },
        });

        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        var reason = await Eventually.GetAsync(async () =>
        {
            await using var query = new NpgsqlCommand(
                $"select reason || ': ' || detail from {Tables.Rejections} where thing = @thing and last_at >= @since", db);
            query.Parameters.AddWithValue("thing", device.Thing);
            query.Parameters.AddWithValue("since", marker.AddSeconds(-5).UtcDateTime);
            return await query.ExecuteScalarAsync() as string;
        }, Patience, "the rejection to be recorded");

        Assert.StartsWith("out_of_range: ", reason, StringComparison.Ordinal);
        Assert.Contains("belt_speed_m_s", reason, StringComparison.Ordinal);
    }
}
