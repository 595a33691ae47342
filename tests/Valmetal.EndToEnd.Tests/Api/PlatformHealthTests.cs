using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>The admin's platform health reflects the running fleet: devices online, both replicas' rates and lag.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformHealthTests(PlatformFixture platform)
{
    [Fact]
    public async Task Platform_health_counts_the_simulated_devices_online_and_reports_both_replicas_ingesting()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);

        var ready = await Eventually.GetAsync(async () =>
        {
            var now = await admin.GetFromJsonAsync<JsonObject>("api/admin/platform-health");
            var replicas = now!["replicas"]!.AsArray();
            return now["devicesOnline"]!.GetValue<int>() >= PlatformFixture.SimulatedDevices
                && replicas.Count(r => !r!["stale"]!.GetValue<bool>() && r["messagesPerSecond"]!.GetValue<double>() > 0) == 2
                ? now
                : null;
        }, TimeSpan.FromSeconds(30), "both replicas to report and every simulated device to be online");

        // A rate covers the replica's last reporting period, which may have begun before the last device came online:
        // judge the first reports whose whole period lies after the moment everything was ready.
        var readyAt = Reports(ready).Max();
        var health = await Eventually.GetAsync(async () =>
        {
            var now = await admin.GetFromJsonAsync<JsonObject>("api/admin/platform-health");
            return Reports(now!) is { Count: 2 } reports && reports.All(at => at >= readyAt + ReportPeriod) ? now : null;
        }, TimeSpan.FromSeconds(30), "both replicas to report a full period after every device was online");

        Assert.True(health["devices"]!.GetValue<int>() >= Fleet.Equipment.Count);
        // The simulator sends one message per device per second in the tests; the sum of both replicas sees them.
        Assert.InRange(health["messagesPerSecond"]!.GetValue<double>(), PlatformFixture.SimulatedDevices * 0.5, 10_000);
        Assert.InRange(health["ingestLagMs"]!.GetValue<double>(), 0, 5_000);
    }

    /// <summary>How often each replica writes its stats (Valmetal.Telemetry ReplicaStatsReporter).</summary>
    private static readonly TimeSpan ReportPeriod = TimeSpan.FromSeconds(5);

    private static List<DateTimeOffset> Reports(JsonObject health) =>
        [.. health["replicas"]!.AsArray().Select(r => r!["reportedAt"]!.GetValue<DateTimeOffset>())];
}
