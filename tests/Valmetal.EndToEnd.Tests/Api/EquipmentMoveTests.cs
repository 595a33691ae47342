using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Devices;
using static Valmetal.EndToEnd.Tests.Api.DocumentRoundTripTests;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Api;

/// <summary>
/// Equipment that changes farms (docs/decisions.md): the machine's own record (its service book) travels with it; the
/// operating data stays with the farm that recorded it. A fresh unit is used, so no demo unit other tests read moves.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EquipmentMoveTests(PlatformFixture platform)
{
    private const string Metric = "motor_current_a";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DemoUser OldOwner = DemoUsers.FarmerBeauregard;
    private static readonly DemoUser NewOwner = DemoUsers.FarmerErables;

    [Fact]
    public async Task A_moved_unit_takes_its_service_book_to_the_new_farm_but_its_history_stays_behind()
    {
        // Registered on the old owner's farm (Fleet.Farms[0]) and known to every telemetry replica.
        var (serial, client) = await KnownDevice.RegisterAsync(platform, "MV");
        await using var device = client;
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var oldOwner = await platform.CreateApiClientAsync(OldOwner);
        using var newOwner = await platform.CreateApiClientAsync(NewOwner);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);

        // While the unit is the old owner's: a point, a service-book entry, a report, a command and two alarms.
        var before = await PublishAsync(admin, device, serial, DateTimeOffset.UtcNow.AddSeconds(-20), 11.5);
        var serviced = $"Gearbox oil changed {Guid.NewGuid():N}"[..32];
        (await oldOwner.PostAsJsonAsync($"api/equipment/{serial}/maintenance", new { title = serviced, status = "Done", notes = "Synthetic oil" }))
            .EnsureSuccessStatusCode();
        var oldReport = await UploadAsync(oldOwner, serial, "old-owner-report.txt");
        var oldCommand = await SendCommandAsync(oldOwner, serial);
        var (clearedAlarm, openAlarm) = await InsertAlarmsAsync(serial, DateTimeOffset.UtcNow.AddMinutes(-1));

        await MoveAsync(admin, serial, NewOwner.FarmIds[0]);
        var after = await PublishAsync(admin, device, serial, DateTimeOffset.UtcNow, 22.5);
        var newReport = await UploadAsync(newOwner, serial, "new-owner-report.txt");
        var newCommand = await SendCommandAsync(newOwner, serial);

        // The old owner no longer sees the unit, nor anything recorded for it, their own report included.
        foreach (var url in new[]
        {
            $"api/equipment/{serial}", HistoryUrl(serial, start), ExportUrl(serial, start), $"api/equipment/{serial}/audit",
            $"api/equipment/{serial}/maintenance", $"api/equipment/{serial}/documents", $"api/equipment/{serial}/commands",
            $"api/documents/{oldReport}", $"api/documents/{oldReport}/download", $"api/alarms/{openAlarm}",
        })
        {
            using var response = await oldOwner.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {response.StatusCode} to the old owner");
        }

        // The new owner sees the unit and its service book, and only what was recorded since it arrived.
        (await newOwner.GetAsync($"api/equipment/{serial}")).EnsureSuccessStatusCode();
        Assert.Contains(serviced, await newOwner.GetStringAsync($"api/equipment/{serial}/maintenance"), StringComparison.Ordinal);
        Assert.Equal([after], await HistoryAsync(newOwner, serial, start));
        Assert.Equal([after], await ExportAsync(newOwner, serial, start));
        var audit = await ActionsAsync(newOwner, serial);
        Assert.DoesNotContain("registered", audit);
        Assert.Contains("updated", audit); // the move itself opens the new farm's part of the trail
        Assert.Equal(HttpStatusCode.NotFound, (await newOwner.GetAsync($"api/documents/{oldReport}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newOwner.GetAsync($"api/documents/{oldReport}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newOwner.GetAsync($"api/documents/{newReport}/download")).StatusCode);
        Assert.Equal([newReport], await ReportsAsync(newOwner, serial));
        Assert.Equal([newCommand], await CommandsAsync(newOwner, serial));
        Assert.Equal(HttpStatusCode.NotFound, (await newOwner.GetAsync($"api/equipment/{serial}/commands/{oldCommand}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newOwner.GetAsync($"api/alarms/{clearedAlarm}")).StatusCode);
        var open = (await newOwner.GetFromJsonAsync<JsonObject>($"api/alarms/{openAlarm}"))!;
        Assert.Equal(AlarmState.Active, open["state"]!.GetValue<string>());
        Assert.Null(open["acknowledgedBy"]);
        var listed = await AlarmIdsAsync(newOwner, serial);
        Assert.Contains(openAlarm, listed);
        Assert.DoesNotContain(clearedAlarm, listed);

        // Admins see all of it.
        Assert.Equal([before, after], await HistoryAsync(admin, serial, start));
        Assert.Equal([before, after], await ExportAsync(admin, serial, start));
        Assert.Equal(["updated", "registered"], await ActionsAsync(admin, serial));
        Assert.Equal([newReport, oldReport], await ReportsAsync(admin, serial));
        Assert.Equal([newCommand, oldCommand], await CommandsAsync(admin, serial));
        var all = await AlarmIdsAsync(admin, serial);
        Assert.Contains(clearedAlarm, all);
        Assert.Contains(openAlarm, all);
    }

    /// <summary>Publishes one point as the device and waits until the admin reads it back; returns its value.</summary>
    private async Task<double> PublishAsync(HttpClient admin, DeviceClient device, string serial, DateTimeOffset ts, double value)
    {
        var seq = (long)(ts.ToUnixTimeMilliseconds() % int.MaxValue);
        await device.PublishAsync(Topics.Telemetry(serial), new TelemetryPayload { Seq = seq, Ts = ts, Metrics = new Dictionary<string, double> { [Metric] = value } });
        await Eventually.GetAsync(async () => (await ExportAsync(admin, serial, ts.AddMinutes(-1))).Contains(value) ? "stored" : null, Patience, $"{value} {Metric} stored");
        return value;
    }

    private static async Task MoveAsync(HttpClient admin, string serial, Guid farmId)
    {
        using var read = await admin.GetAsync($"api/equipment/{serial}");
        read.EnsureSuccessStatusCode();
        var unit = (JsonObject)(await read.Content.ReadFromJsonAsync<JsonObject>())!["equipment"]!;
        using var move = new HttpRequestMessage(HttpMethod.Put, $"api/equipment/{serial}")
        {
            Content = JsonContent.Create(new
            {
                displayName = unit["displayName"]!.GetValue<string>(), farmId, barnId = (Guid?)null,
                firmware = unit["firmware"]!.GetValue<string>(), status = unit["status"]!.GetValue<string>(),
                runHours = unit["runHours"]!.GetValue<double>(), installedOn = unit["installedOn"]!.GetValue<string>(),
            }),
        };
        move.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        (await admin.SendAsync(move)).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> UploadAsync(HttpClient farmer, string serial, string fileName)
    {
        var ticket = await StartAsync(farmer, fileName, "text/plain", 5, serial);
        await PutAsync(ticket, "hello"u8.ToArray(), "text/plain");
        (await farmer.PostAsync($"api/documents/{DocumentId(ticket)}/complete", null)).EnsureSuccessStatusCode();
        return DocumentId(ticket);
    }

    private static async Task<Guid> SendCommandAsync(HttpClient farmer, string serial)
    {
        using var sent = await farmer.PostAsJsonAsync($"api/equipment/{serial}/commands", new { name = "identify" });
        sent.EnsureSuccessStatusCode();
        return (await sent.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// A cleared alarm and one still open and acknowledged by the old owner. Written straight into the table, as the
    /// telemetry service writes them: raising them through the device would take a threshold held for its delay.
    /// </summary>
    private async Task<(Guid Cleared, Guid Open)> InsertAlarmsAsync(string serial, DateTimeOffset raisedAt)
    {
        var (cleared, open) = (Guid.NewGuid(), Guid.NewGuid());
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await using var insert = new NpgsqlCommand($"""
            insert into {Tables.Alarms} (id, serial_number, kind, source, severity, state, message, raised_at, acknowledged_at, acknowledged_by, cleared_at)
            values (@cleared, @serial, @threshold, @metric, 'warning', 'cleared', 'Motor current high', @raised, null, null, @raised),
                   (@open, @serial, @fault, 'E42', 'major', 'acknowledged', 'E42: gearbox temperature', @raised, @raised, @by, null)
            """, db);
        insert.Parameters.AddWithValue("cleared", cleared);
        insert.Parameters.AddWithValue("open", open);
        insert.Parameters.AddWithValue("serial", serial);
        insert.Parameters.AddWithValue("threshold", AlarmKind.Threshold);
        insert.Parameters.AddWithValue("fault", AlarmKind.Fault);
        insert.Parameters.AddWithValue("metric", Metric);
        insert.Parameters.AddWithValue("raised", raisedAt.UtcDateTime);
        insert.Parameters.AddWithValue("by", OldOwner.Email);
        await insert.ExecuteNonQueryAsync();
        return (cleared, open);
    }

    /// <summary>The values of the 1-second buckets of the range (one point each here).</summary>
    private static async Task<List<double>> HistoryAsync(HttpClient api, string serial, DateTimeOffset from)
    {
        var history = (await api.GetFromJsonAsync<JsonObject>(HistoryUrl(serial, from)))!;
        return history["buckets"]!.AsArray().Select(b => b!["max"]!.GetValue<double>()).ToList();
    }

    private static async Task<List<double>> ExportAsync(HttpClient api, string serial, DateTimeOffset from)
    {
        var csv = await api.GetStringAsync(ExportUrl(serial, from));
        return csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(row => double.Parse(row.Split(',')[2], CultureInfo.InvariantCulture)).ToList();
    }

    private static async Task<List<string>> ActionsAsync(HttpClient api, string serial) =>
        (await api.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/audit"))!.Select(a => a!["action"]!.GetValue<string>()).ToList();

    /// <summary>The unit's reports, newest first (the model's manuals are left out).</summary>
    private static async Task<List<Guid>> ReportsAsync(HttpClient api, string serial) =>
        (await api.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/documents"))!
            .Where(d => d!["kind"]!.GetValue<string>() == "Report").Select(d => d!["id"]!.GetValue<Guid>()).ToList();

    private static async Task<List<Guid>> CommandsAsync(HttpClient api, string serial) =>
        (await api.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/commands"))!.Select(c => c!["id"]!.GetValue<Guid>()).ToList();

    private static async Task<List<Guid>> AlarmIdsAsync(HttpClient api, string serial) =>
        (await api.GetFromJsonAsync<JsonObject>($"api/alarms?state=all&serialNumber={serial}&pageSize=100"))!["items"]!.AsArray()
            .Select(a => a!["id"]!.GetValue<Guid>()).ToList();

    private static string HistoryUrl(string serial, DateTimeOffset from) =>
        $"api/equipment/{serial}/metrics/{Metric}/history?from={Encode(from)}&to={Encode(DateTimeOffset.UtcNow.AddMinutes(1))}&bucketSeconds=1";

    private static string ExportUrl(string serial, DateTimeOffset from) =>
        $"api/equipment/{serial}/telemetry.csv?from={Encode(from)}&to={Encode(DateTimeOffset.UtcNow.AddMinutes(1))}&metrics={Metric}";

    private static string Encode(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
}
