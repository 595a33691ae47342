using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// A device that sends what the stores cannot keep is refused message by message, with reasons, while the rest of
/// the fleet's data keeps arriving. Before this held, one such state message stopped a replica for good.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PoisonMessageTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Within the contract's 8 KB of reported state per message; sixty of them pass DynamoDB's 400 KB item.</summary>
    private static readonly string Blob = new('x', 7_000);

    private const int Blobs = 60;

    [Fact]
    public async Task Poison_state_is_refused_per_message_and_the_fleet_and_the_device_itself_carry_on()
    {
        var (serial, device) = await KnownDevice.RegisterAsync(platform, "P");
        await using var connection = device;
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);

        // A key the device changes at the end to a shorter value: an update the full item still takes.
        await KnownDevice.ReportAsync(admin, serial, device, """{"reported":{"mode":"manual"},"version":1}""", "manual");
        var since = DateTimeOffset.UtcNow;
        string[] poison =
        [
            """{"reported":{"x":1e400},"version":2}""",
            """{"reported":{"y":123456789012345678901234567890123456789012345},"version":3}""",
            """{"reported":{"x":1,"x":2},"version":4}""",
            $$"""{"reported":{"too_big":"{{new string('x', 9_000)}}"},"version":5}""",
            .. Enumerable.Range(0, Blobs).Select(i => $$"""{"reported":{"blob_{{i}}":"{{Blob}}"},"version":{{10 + i}}}"""),
        ];
        foreach (var payload in poison)
        {
            await device.PublishRawAsync(Topics.State(serial), payload);
        }

        await device.PublishRawAsync(Topics.Status(serial), """{"online":true,"online":false}""");

        // The device's own next statement is applied: its refused messages did not wedge its shadow.
        await KnownDevice.ReportAsync(admin, serial, device, """{"reported":{"mode":"auto"},"version":100}""", "auto");

        // The two replicas share the device's messages, so the marker above may overtake a refusal on the other one.
        var rows = await Eventually.GetAsync(async () =>
        {
            var recorded = await Rejections.OfAsync(platform, serial, since);
            return recorded.Sum(r => r.Count) >= 6 && Rejections.CountOf(recorded, "store_refused") > 0 ? recorded : null;
        }, Patience, "the refusals, DynamoDB's among them");
        Assert.Equal(2, Rejections.CountOf(rows, "out_of_range"));
        Assert.All(rows.Where(r => r.Reason == "out_of_range").SelectMany(r => r.Samples),
            s => Assert.Contains("the device shadow cannot store it", s.Detail, StringComparison.Ordinal));
        Assert.Equal(2, Rejections.CountOf(rows, "malformed_json"));
        Assert.Equal(1, Rejections.CountOf(rows, "payload_too_large"));
        // Every blob is either in the shadow or refused by DynamoDB with its reason, none both, none lost.
        var state = await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{serial}/state");
        var applied = state!["reported"]!.AsObject().Count(p => p.Key.StartsWith("blob_", StringComparison.Ordinal));
        var refused = await Eventually.PollAsync(
            async () => Rejections.CountOf(await Rejections.OfAsync(platform, serial, since), "store_refused"),
            count => count >= Blobs - applied, Patience);
        Assert.InRange(applied, 1, Blobs - 1);
        Assert.Equal(Blobs, applied + refused);
        Assert.All(rows.Where(r => r.Reason == "store_refused").SelectMany(r => r.Samples), s =>
        {
            Assert.StartsWith("DynamoDB refused it", s.Detail, StringComparison.Ordinal);
            Assert.Contains("Item size", s.Detail, StringComparison.Ordinal);
        });

        // Meanwhile every simulated device's data kept being stored.
        var reporting = await SimulatedDevicesStoredSinceAsync(since);
        Assert.Equal(PlatformFixture.SimulatedDevices, reporting);
    }

    [Fact]
    public async Task A_device_over_its_rejection_budget_is_quarantined_and_its_messages_are_counted_not_read()
    {
        var (serial, device) = await KnownDevice.RegisterAsync(platform, "Q");
        await using var connection = device;
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);

        var since = DateTimeOffset.UtcNow;
        var garbage = "{\"seq\":" + new string('9', 4_000);
        await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => device.PublishRawAsync(Topics.Telemetry(serial), garbage)));

        var page = await Eventually.GetAsync(async () =>
        {
            var rejections = await admin.GetFromJsonAsync<JsonObject>($"api/admin/rejections?thing={serial}");
            return rejections?["quarantined"]?.AsArray().Any(q => q?["thing"]?.GetValue<string>() == serial) == true ? rejections : null;
        }, Patience, $"{serial} in quarantine");
        var quarantine = page["quarantined"]!.AsArray().Single(q => q!["thing"]!.GetValue<string>() == serial)!;
        Assert.Contains("budget is 300 messages", quarantine["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(quarantine["until"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);

        // Valid data is refused too while it lasts: the device pays for what it sent, and nothing of it is parsed. The
        // other replica reads the quarantine within a second, and until then applies what it receives: each statement
        // is awaited until it is either counted in quarantine or applied, and the next one is sent only then.
        var rows = new List<Rejections>();
        var counted = 0;
        for (var attempt = 0; attempt < 10 && counted == 0; attempt++)
        {
            var mode = $"auto-{attempt}";
            await device.PublishRawAsync(Topics.State(serial), $$"""{"reported":{"mode":"{{mode}}"},"version":{{2 + attempt}}}""");
            var outcome = await Eventually.GetAsync(async () =>
            {
                // The 400 bad messages count once each, whichever reason; only this statement can take the sum past 400.
                rows = await Rejections.OfAsync(platform, serial, since);
                if (rows.Sum(r => r.Count) > 400)
                {
                    return "counted";
                }

                var state = await admin.GetFromJsonAsync<JsonObject>($"api/equipment/{serial}/state");
                return state?["reported"]?["mode"]?.GetValue<string>() == mode ? "applied" : null;
            }, Patience, $"statement {attempt} to be counted or applied");
            counted += outcome == "counted" ? 1 : 0;
        }

        Assert.Equal(1, counted);
        Assert.Equal(401, rows.Sum(r => r.Count));
        Assert.True(Rejections.CountOf(rows, "quarantined") > 0, "the statement is counted in quarantine");
        Assert.True(Rejections.CountOf(rows, "malformed_json") > 300, "the budget is passed before the quarantine starts");
        Assert.All(rows.Where(r => r.Reason == "quarantined").SelectMany(r => r.Samples), s => Assert.Empty(s.Excerpt));
        // One row per reason and minute, each with a few samples: 400 messages are not 400 rows.
        Assert.InRange(rows.Count, 2, 4);
        Assert.All(rows, r => Assert.InRange(r.Samples.Count, 1, 3));
    }

    private async Task<long> SimulatedDevicesStoredSinceAsync(DateTimeOffset since)
    {
        var simulated = Fleet.Equipment.Take(PlatformFixture.SimulatedDevices).Select(e => e.Thing).ToArray();
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        var count = await Eventually.GetAsync(async () =>
        {
            await using var query = new NpgsqlCommand(
                $"select count(distinct thing) from {Tables.Points} where thing = any(@things) and ts > @since", db);
            query.Parameters.AddWithValue("things", simulated);
            query.Parameters.AddWithValue("since", since.UtcDateTime.AddSeconds(2));
            var stored = (long)(await query.ExecuteScalarAsync())!;
            return stored == simulated.Length ? (object)stored : null;
        }, Patience, "every simulated device's points after the poison");
        return (long)count;
    }
}
