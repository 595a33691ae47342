using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Devices;

namespace Valmetal.EndToEnd.Tests.Notifications;

/// <summary>
/// Alarms reach people: the telemetry service writes the outbox with the alarm, the notifier replicas send by e-mail
/// (maildev over SMTP), Web Push (to <see cref="TestPushService"/>) and SMS (the SNS capture), in each recipient's
/// language; a flapping alarm collapses, an unacknowledged one escalates, and a killed sender repeats at most once.
/// Each test registers its own units, so the messages it reads are its own.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class NotificationTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string FarmerPhone = "+15145550123";
    private static readonly DemoUser Farmer = DemoUsers.FarmerBeauregard;
    private static readonly Guid Farm = Fleet.Farms[0].Id;

    /// <summary>From an alarm raised to its messages arriving: one poll of the notifier (1 s) and a send, with room for a busy machine.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    private readonly List<string> _subscribed = [];
    private TestPushService _push = null!;
    private Inboxes _inboxes = null!;

    public async Task InitializeAsync()
    {
        var vapidPublicKey = platform.ResourceEnvironment("web-1", "Push__VapidPublicKey")!;
        _push = await TestPushService.StartAsync(Path.Combine(platform.StateDirectory, "pki"), vapidPublicKey);
        _inboxes = new Inboxes(platform);
    }

    public async Task DisposeAsync()
    {
        using var farmer = await platform.CreateApiClientAsync(Farmer);
        // This test's push service stops with it: its subscriptions go too, as a browser's would at sign-out.
        foreach (var endpoint in _subscribed)
        {
            (await farmer.DeleteAsync($"api/me/notifications/push?endpoint={Uri.EscapeDataString(endpoint)}")).EnsureSuccessStatusCode();
        }

        (await farmer.PutAsJsonAsync("api/me/notifications", new { phone = (string?)null, language = "en", farms = Array.Empty<object>() }))
            .EnsureSuccessStatusCode();
        _inboxes.Dispose();
        await _push.DisposeAsync();
    }

    [Fact]
    public async Task An_overheat_reaches_the_farmer_by_email_push_and_sms_in_french_and_its_clearing_is_told_the_same_way()
    {
        var serial = NewSerial();
        await using var device = await ConnectNewUnitAsync(serial);
        using var farmer = await platform.CreateApiClientAsync(Farmer);
        var browser = await ChooseAsync(farmer, "fr-CA", sms: true);

        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
        await PublishTemperaturesAsync(device, serial, start, Enumerable.Repeat(120.0, 14).ToArray(), seq: 1000);
        var id = await AlarmIdAsync(farmer, serial, "threshold");

        var mail = await _inboxes.MailToAsync(Farmer.Email, id, found => found.Count > 0, Promptly);
        var raised = Assert.Single(mail);
        Assert.Equal($"[Critique] Test mixer {serial} : Température du moteur 120 °C", raised.Subject);
        Assert.Contains("Une alarme a été déclenchée.", raised.Text, StringComparison.Ordinal);
        Assert.Contains($"Équipement : Test mixer {serial} ({serial})", raised.Text, StringComparison.Ordinal);
        Assert.Contains($"Ferme : {Fleet.Farms[0].Name}", raised.Text, StringComparison.Ordinal);
        Assert.Contains("Gravité : Critique", raised.Text, StringComparison.Ordinal);
        Assert.Contains($"{platform.WebUrl}alarms?serial={serial}&alarm={id}", raised.Text, StringComparison.Ordinal);
        // When it started, on the farm's clock, in French: the 24-hour clock, "h" between hours and minutes.
        Assert.Matches(StartedInFrench(), raised.Text);

        var pushed = await Eventually.PollAsync(() => Task.FromResult(PushesFor(browser, id)), found => found.Count > 0, Promptly);
        var shown = Assert.Single(pushed);
        Assert.Equal(raised.Subject, shown.Title);
        Assert.Contains("Gravité : Critique", shown.Body, StringComparison.Ordinal);
        Assert.Equal("high", shown.Urgency);
        Assert.Empty(_push.Refusals);

        var texted = await Eventually.PollAsync(() => SmsForAsync(id), found => found.Count > 0, Promptly);
        var sms = Assert.Single(texted);
        Assert.StartsWith($"Valmetal Critique : Test mixer {serial} : Température du moteur 120 °C.", sms.Message, StringComparison.Ordinal);
        Assert.Equal("Transactional", sms.SmsType);

        // Back to normal: those told hear it is resolved, on the same channels, once the rate limit's window allows.
        await PublishTemperaturesAsync(device, serial, start.AddSeconds(30), [55], seq: 1001);
        var wait = PlatformFixture.NotifierRateLimitWindow + Promptly;
        mail = await _inboxes.MailToAsync(Farmer.Email, id, found => found.Count > 1, wait);
        Assert.Equal(2, mail.Count);
        Assert.StartsWith($"Résolue : Test mixer {serial}", mail[1].Subject, StringComparison.Ordinal);
        Assert.Contains("Cette alarme est terminée.", mail[1].Text, StringComparison.Ordinal);
        pushed = await Eventually.PollAsync(() => Task.FromResult(PushesFor(browser, id)), found => found.Count > 1, Promptly);
        Assert.Equal(mail[1].Subject, pushed[1].Title);
        texted = await Eventually.PollAsync(() => SmsForAsync(id), found => found.Count > 1, Promptly);
        Assert.StartsWith("Valmetal résolue :", texted[1].Message, StringComparison.Ordinal);

        // The admin's log lists each message: to whom, on which channel, delivered.
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var log = await admin.GetFromJsonAsync<JsonObject>("api/notifications?pageSize=100");
        // (Other tests add members to this farm, and browsers whose endpoints are gone: only the farmer's delivered ones count.)
        var entries = log!["items"]!.AsArray().Where(e => e!["subject"]!.GetValue<string>().Contains(serial, StringComparison.Ordinal)
            && e["recipient"]!.GetValue<string>() == Farmer.Email).ToList();
        var delivered = entries.Where(e => e!["status"]!.GetValue<string>() == "delivered").Select(e => e!["channel"]!.GetValue<string>());
        Assert.Equal(["email", "email", "push", "push", "sms", "sms"], delivered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_flapping_fault_reaches_the_farmer_as_at_most_two_messages_that_count_every_change()
    {
        var serial = NewSerial();
        await using var device = await ConnectNewUnitAsync(serial);
        using var farmer = await platform.CreateApiClientAsync(Farmer);
        await ChooseAsync(farmer, "en", sms: false);

        // Raised, cleared, raised again, cleared again, each as soon as the last is stored: well within the window.
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);
        for (var change = 0; change < 4; change++)
        {
            await device.PublishAsync(Topics.Events(serial), new EventPayload(at.AddSeconds(change), "E411", "major", change % 2 == 0, "Auger jammed"));
            var (raised, cleared) = (change / 2 + 1, (change + 1) / 2);
            var alarms = await Eventually.PollAsync(
                async () => (await admin.GetFromJsonAsync<JsonObject>($"api/alarms?serialNumber={serial}&state=all"))!["items"]!.AsArray(),
                found => found.Count == raised && found.Count(a => a!["state"]!.GetValue<string>() == "cleared") == cleared, TimeSpan.FromSeconds(20));
            Assert.Equal((raised, cleared), (alarms.Count, alarms.Count(a => a!["state"]!.GetValue<string>() == "cleared")));
        }

        var mail = await Eventually.PollAsync(
            async () => (await _inboxes.MailAsync()).Where(m => m.To == Farmer.Email && m.Subject.Contains(serial, StringComparison.Ordinal)).ToList(),
            found => found.Sum(ChangesCounted) == 4, PlatformFixture.NotifierRateLimitWindow + Promptly);

        var received = string.Join(" | ", mail.Select(m => $"{m.Subject} ({ChangesCounted(m)})"));
        Assert.True(mail.Sum(ChangesCounted) == 4 && mail.Count is 1 or 2, $"Expected one or two messages counting 4 changes, got: {received}");
        Assert.StartsWith("Resolved:", mail[^1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alarm_nobody_acknowledges_goes_to_the_farms_technician_then_support_and_acknowledging_stops_it()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var technician = await platform.CreateApiClientAsync(DemoUsers.Technician);
        using var farmer = await platform.CreateApiClientAsync(Farmer);
        var technicianSub = (await technician.GetFromJsonAsync<JsonObject>("api/me"))!["sub"]!.GetValue<string>();
        var otherFarm = Fleet.Farms[2].Id;
        // Two of the platform's short escalation minutes: long enough to acknowledge between steps.
        const int delayMinutes = 2;
        await SetEscalationAsync(admin, Farm, delayMinutes, [technicianSub]);
        await SetEscalationAsync(admin, otherFarm, delayMinutes, []);
        try
        {
            // Acknowledged first, so it would be due first: when the later alarms have escalated, it would have too.
            var acknowledgedSerial = NewSerial();
            var openSerial = NewSerial();
            var noContactSerial = NewSerial();
            await using var acknowledgedUnit = await ConnectNewUnitAsync(acknowledgedSerial);
            await using var openUnit = await ConnectNewUnitAsync(openSerial);
            await using var noContactUnit = await ConnectNewUnitAsync(noContactSerial, otherFarm);
            await RaiseFaultAsync(acknowledgedUnit, acknowledgedSerial);
            var acknowledged = await AlarmIdAsync(admin, acknowledgedSerial, "fault");
            Assert.Equal(HttpStatusCode.OK, (await farmer.PostAsync($"api/alarms/{acknowledged}/acknowledge", null)).StatusCode);
            await RaiseFaultAsync(openUnit, openSerial);
            await RaiseFaultAsync(noContactUnit, noContactSerial);
            var open = await AlarmIdAsync(admin, openSerial, "fault");
            var noContact = await AlarmIdAsync(admin, noContactSerial, "fault");

            // After the farm's delay, the first contact: the technician, in English.
            var escalation = delayMinutes * PlatformFixture.NotifierEscalationMinute + Promptly;
            var toTechnician = await _inboxes.MailToAsync(DemoUsers.Technician.Email, open, found => found.Count > 0, escalation);
            Assert.StartsWith($"[Critical] Not acknowledged: Test mixer {openSerial}", Assert.Single(toTechnician).Subject, StringComparison.Ordinal);
            Assert.Contains("You are the next contact for this farm.", toTechnician[0].Text, StringComparison.Ordinal);
            // A farm without technicians on its list goes straight to support, in French (the support desk's language).
            var toSupport = await _inboxes.MailToAsync("support@valmetal.local", noContact, found => found.Count > 0, Promptly);
            Assert.StartsWith($"[Critique] Non confirmée : Test mixer {noContactSerial}", Assert.Single(toSupport).Subject, StringComparison.Ordinal);

            // The acknowledged alarm, due before both, told no one beyond the farm's members.
            var aboutAcknowledged = (await _inboxes.MailAsync()).Where(m => m.Text.Contains(acknowledged, StringComparison.Ordinal)).ToList();
            Assert.Contains(aboutAcknowledged, m => m.To == Farmer.Email);
            Assert.DoesNotContain(aboutAcknowledged, m => m.To is "support@valmetal.local" || m.To == DemoUsers.Technician.Email);

            // Acknowledging the open one stops it before support: then clearing tells both who were told (and the farm's
            // other members, whom other tests add).
            Assert.Equal(HttpStatusCode.OK, (await farmer.PostAsync($"api/alarms/{open}/acknowledge", null)).StatusCode);
            await openUnit.PublishAsync(Topics.Events(openSerial), new EventPayload(DateTimeOffset.UtcNow, "E500", "critical", false, "Motor stalled"));
            string[] told = [Farmer.Email, DemoUsers.Technician.Email];
            var resolved = await Eventually.PollAsync(
                async () => (await _inboxes.MailAsync()).Where(m => m.Subject.StartsWith("Resolved:", StringComparison.Ordinal)
                    && m.Text.Contains(open, StringComparison.Ordinal) && told.Contains(m.To)).ToList(),
                found => found.Count == 2, PlatformFixture.NotifierRateLimitWindow + Promptly);
            Assert.Equal([Farmer.Email, DemoUsers.Technician.Email], resolved.Select(m => m.To).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(await _inboxes.MailAsync(), m => m.To == "support@valmetal.local" && m.Text.Contains(open, StringComparison.Ordinal));
        }
        finally
        {
            await SetEscalationAsync(admin, Farm, 15, []);
            await SetEscalationAsync(admin, otherFarm, 15, []);
        }
    }

    [Fact]
    public async Task A_sender_killed_mid_send_loses_nothing_and_repeats_at_most_once()
    {
        using var farmer = await platform.CreateApiClientAsync(Farmer);
        var browser = await ChooseAsync(farmer, "en", sms: false);
        var held = _push.HoldNext();
        var testMailBefore = (await _inboxes.MailAsync()).Count(m => m.To == Farmer.Email && IsTest(m));

        Assert.Equal(HttpStatusCode.Accepted, (await farmer.PostAsync("api/me/notifications/test", null)).StatusCode);
        await Eventually.PollAsync(() => Task.FromResult(_push.Received.Count(p => p.Endpoint == browser.Endpoint)), n => n > 0, Promptly);
        Assert.Empty(_push.Refusals);
        // The push service has the message; its sender dies before hearing back, so it never records the delivery.
        foreach (var notifier in PlatformFixture.NotifierReplicas)
        {
            platform.Kill(notifier);
        }

        held.SetResult();
        foreach (var notifier in PlatformFixture.NotifierReplicas)
        {
            await platform.StartAsync(notifier);
        }

        // Once the lease lapses, a replica sends it again: the one repeat at-least-once allows, and no more.
        var arrivals = await Eventually.PollAsync(() => Task.FromResult(_push.Received.Where(p => p.Endpoint == browser.Endpoint).ToList()),
            found => found.Count > 1, PlatformFixture.NotifierLease + TimeSpan.FromSeconds(30));
        Assert.Equal(2, arrivals.Count);
        Assert.Equal(arrivals[0].Payload.ToJsonString(), arrivals[1].Payload.ToJsonString());
        Assert.Equal("Valmetal Connect: test notification", arrivals[0].Title);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var sent = await Eventually.PollAsync(
            async () => (await admin.GetFromJsonAsync<JsonObject>("api/notifications?channel=push&pageSize=20"))!["items"]!.AsArray()
                .Where(e => e!["recipient"]!.GetValue<string>() == Farmer.Email && e["kind"]!.GetValue<string>() == "test").ToList(),
            found => found.Count > 0 && found[0]!["status"]!.GetValue<string>() == "delivered", Promptly);
        Assert.Equal(2, sent[0]!["attempts"]!.GetValue<int>());
        // The e-mail of the same test went once: nobody held it.
        var mail = await _inboxes.MailToAsync(Farmer.Email, "", found => found.Count(IsTest) > testMailBefore, Promptly);
        Assert.Equal(testMailBefore + 1, mail.Count(IsTest));
    }

    /// <summary>
    /// Registers a unit and connects it, and sends one reading at once: whichever telemetry replica receives it looks up
    /// a thing its catalogue does not know yet, so the reading is stored (every later message of the test depends on
    /// that, whichever replica takes it). The reading is five minutes old, before anything a test sends, so it changes
    /// no threshold's state.
    /// </summary>
    private async Task<DeviceClient> ConnectNewUnitAsync(string serial, Guid? farm = null)
    {
        var device = await DeviceClient.ConnectAsync(await platform.RegisterDeviceAsync(serial, farm), serial);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        await PublishTemperaturesAsync(device, serial, DateTimeOffset.UtcNow.AddMinutes(-5), [40], seq: 1);
        var state = await Eventually.PollAsync(async () =>
        {
            var response = await admin.GetAsync($"api/equipment/{serial}/state");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, s => s?["metrics"]?["motor_temp_c"] is not null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        Assert.NotNull(state?["metrics"]?["motor_temp_c"]);
        return device;
    }

    private async Task<(string Endpoint, string P256dh, string Auth)> ChooseAsync(HttpClient user, string language, bool sms)
    {
        var browser = _push.Subscribe();
        _subscribed.Add(browser.Endpoint);
        (await user.PutAsJsonAsync("api/me/notifications", new
        {
            phone = sms ? FarmerPhone : null, language,
            farms = new[] { new { farmId = Farm, email = true, push = true, sms, minimumSeverity = "major", quietFrom = (string?)null, quietUntil = (string?)null } },
        })).EnsureSuccessStatusCode();
        (await user.PutAsJsonAsync("api/me/notifications/push", new { endpoint = browser.Endpoint, keys = new { p256dh = browser.P256dh, auth = browser.Auth } }))
            .EnsureSuccessStatusCode();
        return browser;
    }

    private static Task SetEscalationAsync(HttpClient admin, Guid farm, int minutes, string[] contacts) =>
        admin.PutAsJsonAsync($"api/farms/{farm}/escalation", new { escalationMinutes = minutes, contacts }).ContinueWith(r => r.Result.EnsureSuccessStatusCode(), TaskScheduler.Default);

    private static Task RaiseFaultAsync(DeviceClient unit, string serial) =>
        unit.PublishAsync(Topics.Events(serial), new EventPayload(DateTimeOffset.UtcNow, "E500", "critical", true, "Motor stalled"));

    private static Task PublishTemperaturesAsync(DeviceClient device, string serial, DateTimeOffset start, double[] values, long seq) =>
        device.PublishAsync(Topics.Telemetry(serial), new TelemetryPayload
        {
            Seq = seq,
            Samples = values.Select((v, i) => new TelemetrySample(start.AddSeconds(i), new Dictionary<string, double> { ["motor_temp_c"] = v })).ToList(),
        });

    private static async Task<string> AlarmIdAsync(HttpClient client, string serial, string kind)
    {
        var alarm = await Eventually.GetAsync(async () =>
        {
            var list = await client.GetFromJsonAsync<JsonObject>($"api/alarms?serialNumber={serial}&state=all");
            return list!["items"]!.AsArray().FirstOrDefault(a => a!["kind"]!.GetValue<string>() == kind)?.AsObject();
        }, TimeSpan.FromSeconds(20), $"the {kind} alarm of {serial}");
        return alarm["id"]!.GetValue<Guid>().ToString();
    }

    private List<ReceivedPush> PushesFor((string Endpoint, string P256dh, string Auth) browser, string alarmId) =>
        _push.Received.Where(p => p.Endpoint == browser.Endpoint && p.Url.Contains(alarmId, StringComparison.Ordinal)).ToList();

    private async Task<List<ReceivedSms>> SmsForAsync(string alarmId) =>
        (await _inboxes.SmsAsync()).Where(s => s.PhoneNumber == FarmerPhone && s.Message.Contains(alarmId, StringComparison.Ordinal)).ToList();

    private static int ChangesCounted(ReceivedMail mail) =>
        ChangeCount().Match(mail.Text) is { Success: true } counted ? int.Parse(counted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;

    private static bool IsTest(ReceivedMail mail) => mail.Subject == "Valmetal Connect: test notification";

    private static string NewSerial() => "NT" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Changes since the last message: (\d+)")]
    private static partial Regex ChangeCount();

    [GeneratedRegex(@"Début : \d{4}-\d{2}-\d{2} \d{1,2} h \d{2}")]
    private static partial Regex StartedInFrench();
}
