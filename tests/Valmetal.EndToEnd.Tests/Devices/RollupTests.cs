using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>Minute and hour rollups match the points they summarise, and a redelivered point is not counted twice.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RollupTests(PlatformFixture platform)
{
    [Fact]
    public async Task Minute_and_hour_buckets_come_from_rollups_that_count_each_point_once()
    {
        var device = PlatformFixture.TestDevice(1);
        var minute = DateTimeOffset.UtcNow.AddMinutes(-10);
        minute = new DateTimeOffset(minute.Year, minute.Month, minute.Day, minute.Hour, minute.Minute, 0, TimeSpan.Zero);
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        var metric = Fleet.ModelOf(device).Metrics[0].Key;
        double[] values = [10, 20, 60];
        for (var i = 0; i < values.Length; i++)
        {
            await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
            {
                Seq = 100 + i, Ts = minute.AddSeconds(5 + 10 * i), Metrics = new Dictionary<string, double> { [metric] = values[i] },
            });
        }

        // The same sample again under a new sequence number, as a device resending after a lost acknowledgement would.
        await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
        {
            Seq = 200, Ts = minute.AddSeconds(5), Metrics = new Dictionary<string, double> { [metric] = values[0] },
        });

        using var api = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var range = $"from={Uri.EscapeDataString(minute.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(minute.AddHours(1).ToString("O"))}";
        var byMinute = await Eventually.GetAsync(async () =>
        {
            var history = await api.GetFromJsonAsync<JsonObject>($"api/equipment/{device.Thing}/metrics/{metric}/history?{range}&bucketSeconds=60");
            var bucket = history!["buckets"]!.AsArray().FirstOrDefault(b => b!["ts"]!.GetValue<DateTimeOffset>() == minute);
            return bucket?["count"]!.GetValue<long>() >= 3 ? history : null;
        }, TimeSpan.FromSeconds(30), "the minute rollup");
        // Once the markers are stored the repeated sample has been handled: counted twice, it would show now.
        await ReplicaMarkers.SendAndAwaitAsync(platform, device.Thing, client.PublishAsync);
        byMinute = (await api.GetFromJsonAsync<JsonObject>($"api/equipment/{device.Thing}/metrics/{metric}/history?{range}&bucketSeconds=60"))!;

        Assert.Equal("rollups_minute", byMinute["source"]!.GetValue<string>());
        var row = byMinute["buckets"]!.AsArray().Single(b => b!["ts"]!.GetValue<DateTimeOffset>() == minute)!;
        Assert.Equal(3, row["count"]!.GetValue<long>());
        Assert.Equal(10, row["min"]!.GetValue<double>());
        Assert.Equal(60, row["max"]!.GetValue<double>());
        Assert.Equal(30, row["avg"]!.GetValue<double>(), precision: 9);

        var byHour = (await api.GetFromJsonAsync<JsonObject>($"api/equipment/{device.Thing}/metrics/{metric}/history?{range}&bucketSeconds=3600"))!;
        Assert.Equal("rollups_hour", byHour["source"]!.GetValue<string>());
        Assert.Contains(byHour["buckets"]!.AsArray(), b => b!["max"]!.GetValue<double>() >= 60);
    }
}
