using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;
using Xunit.Abstractions;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// One device sends every kind of bad message as fast as its connection allows for a minute, while three honest
/// devices report five times a second. The honest devices lose nothing and wait no longer than two seconds, and
/// after the telemetry service restarts and the sessions its killed replicas left are taken over, ingestion is normal
/// at once: nothing bad is left to be redelivered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AbuseTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int InFlight = 16;
    private static readonly TimeSpan Abuse = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HonestInterval = TimeSpan.FromMilliseconds(200);
    private static readonly DemoEquipment[] Honest = [PlatformFixture.TestDevice(0), PlatformFixture.TestDevice(1), PlatformFixture.TestDevice(2)];

    [Fact]
    public async Task A_minute_of_abuse_from_one_device_costs_the_others_no_point_and_no_more_than_two_seconds()
    {
        var (serial, abuser) = await KnownDevice.RegisterAsync(platform, "X");
        await using var abuserConnection = abuser;
        var start = DateTimeOffset.UtcNow;
        await using var watcher = new StoredPointWatcher(
            await platform.DatabaseConnectionStringAsync(), [.. Honest.Select(d => d.Thing)], [.. Honest.Select(d => MetricOf(d).Key)], start);

        using var stop = new CancellationTokenSource(Abuse);
        var abusing = AbuseAsync(abuser, serial, stop.Token);
        var published = (await Task.WhenAll(Honest.Select(d => PublishHonestlyAsync(d, stop.Token)))).SelectMany(p => p).ToList();
        var sent = await abusing;

        var missing = await watcher.MissingAfterAsync(published, TimeSpan.FromSeconds(30));
        var latencies = published.Where(watcher.Seen.ContainsKey).Select(p => (watcher.Seen[p] - new DateTimeOffset(p.Ts, TimeSpan.Zero)).TotalMilliseconds)
            .Order().ToList();
        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        // No abusive message is valid state (the blobs are over the contract's 8 KB of reported state): each is refused or counted.
        var applied = await AppliedBlobsAsync(serial);
        var refused = await RefusedAsync(serial, start, sent - applied);
        output.WriteLine($"abuser sent {sent} messages, {refused} refused or counted, {applied} applied; honest: {published.Count} published, {missing.Count} missing, " +
                         $"p50 {latencies[latencies.Count / 2]:0} ms, p99 {p99:0} ms, max {latencies[^1]:0} ms");

        Assert.Empty(missing);
        Assert.True(p99 < 2000, $"p99 publish-to-stored {p99:0} ms");
        Assert.True(sent > 1000, $"the abuser sent only {sent} messages");
        Assert.Equal(0, applied);
        Assert.Equal(sent, refused);

        await RestartTelemetryAsync();
        var restarted = DateTimeOffset.UtcNow;
        using var again = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var afterRestart = await PublishHonestlyAsync(Honest[0], again.Token);
        Assert.Empty(await watcher.MissingAfterAsync(afterRestart, TimeSpan.FromSeconds(10)));
        output.WriteLine($"after the restart, {afterRestart.Count} points stored within {(DateTimeOffset.UtcNow - restarted).TotalSeconds:0.0} s");
    }

    /// <summary>Publishes bad messages with up to <see cref="InFlight"/> awaiting their acknowledgement; returns how many.</summary>
    private static async Task<int> AbuseAsync(DeviceClient device, string serial, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(InFlight);
        var pending = new List<Task>();
        var n = 0;
        while (!ct.IsCancellationRequested)
        {
            await slots.WaitAsync(CancellationToken.None);
            var (topic, payload) = AbusivePayloads.Next(serial, n++);
            pending.Add(device.PublishRawAsync(topic, payload).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
        }

        await Task.WhenAll(pending);
        return n;
    }

    private async Task<List<(string Thing, DateTime Ts)>> PublishHonestlyAsync(DemoEquipment device, CancellationToken ct)
    {
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(device.Thing), device.Thing);
        var metric = MetricOf(device);
        var published = new List<(string, DateTime)>();
        using var timer = new PeriodicTimer(HonestInterval);
        var seq = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var ts = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
            await client.PublishAsync(Topics.Telemetry(device.Thing), new TelemetryPayload
            {
                Seq = seq++,
                Ts = ts,
                Metrics = new Dictionary<string, double> { [metric.Key] = metric.MinValid },
            });
            published.Add((device.Thing, ts.UtcDateTime));
            await timer.WaitForNextTickAsync(CancellationToken.None);
        }

        return published;
    }

    private async Task<int> AppliedBlobsAsync(string serial)
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var state = await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{serial}/state");
        return state!["reported"]!.AsObject().Count(p => p.Key.StartsWith("blob_", StringComparison.Ordinal));
    }

    /// <summary>The model's first metric; its lowest valid value raises no alarm.</summary>
    private static Valmetal.DeviceContract.Catalogue.MetricDefinition MetricOf(DemoEquipment device) => Fleet.ModelOf(device).Metrics[0];

    /// <summary>Every abusive message is accounted for: refused with a reason, or counted during its quarantine.</summary>
    private async Task<long> RefusedAsync(string serial, DateTimeOffset since, int expected) => await Eventually.PollAsync(
            async () => (await Rejections.OfAsync(platform, serial, since)).Sum(r => r.Messages),
            messages => messages >= expected,
            TimeSpan.FromSeconds(30));

    /// <summary>Both replicas end at once, as in a failed deployment or a crash, and start again.</summary>
    private async Task RestartTelemetryAsync()
    {
        string[] replicas = ["telemetry-1", "telemetry-2"];
        foreach (var replica in replicas)
        {
            platform.Kill(replica);
        }

        foreach (var replica in replicas)
        {
            await platform.StartAsync(replica);
        }

        foreach (var replica in replicas)
        {
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(replica).WaitAsync(TimeSpan.FromSeconds(60));
        }

        // The new replicas hold new slots; the sessions the killed ones left (with what was in flight, abuse included)
        // are taken over once their leases run out, their messages stored or refused, and ended.
        var slots = await Eventually.PollAsync(() => ClientSlotRows.ReadAsync(platform),
            rows => rows.Count == replicas.Length && rows.All(r => r.Current), TimeSpan.FromSeconds(90));
        Assert.Equal(Enumerable.Repeat(true, replicas.Length), slots.Select(s => s.Current));
    }
}
