using System.Globalization;
using System.Text.RegularExpressions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Devices;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>Alarms as a farmer meets them (badge, fleet, list, acknowledge, history) and the admin's platform pages.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AlarmsWebTests(PlatformFixture platform, SharedBrowser browser)
{
    private static readonly DemoEquipment Device = PlatformFixture.TestDevice(3);
    private static readonly DemoUser Owner = DemoUsers.All.First(u => u.FarmIds.Contains(Device.FarmId) && u.Group == "farmers");

    [Fact]
    public async Task A_device_fault_raises_the_badge_live_then_the_farmer_acknowledges_it_and_finds_it_in_the_history()
    {
        var code = "EW" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var message = $"Auger motor overload {code}";
        await using var session = await WebSession.SignInAsync(platform, browser, Owner);
        var alarms = new AlarmsPage(session.Page);
        // From here on the fleet page and the badge receive the live stream: what follows must arrive without a reload.
        await new FleetPage(session.Page).WaitUntilLiveAsync();
        await alarms.WaitUntilBadgeIsLiveAsync();
        var before = int.Parse((await alarms.BadgeCount.TextContentAsync())!, CultureInfo.InvariantCulture);

        await using var device = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing);
        await device.PublishAsync(Topics.Events(Device.Thing), new EventPayload(DateTimeOffset.UtcNow, code, "critical", true, message));

        // Pushed over the live stream: no reload.
        await Expect(alarms.BadgeCount).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        await Expect(session.Page.GetByTestId($"alarms-{Device.Thing}")).ToContainTextAsync("active alarm");
        await Browsers.SaveScreenshotAsync(session.Page, "client-fleet-with-alarm");

        await alarms.OpenAsync(session.WebUrl);
        await Expect(alarms.Row(message)).ToContainTextAsync("critical");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the alarms page");
        await Browsers.SaveScreenshotAsync(session.Page, "client-alarms");
        await alarms.AcknowledgeAsync(message);
        await Expect(alarms.Row(message)).ToContainTextAsync(new Regex($"acknowledged\\s*by {Regex.Escape(Owner.Email)}"));
        await Expect(alarms.Row(message).GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        await device.PublishAsync(Topics.Events(Device.Thing), new EventPayload(DateTimeOffset.UtcNow, code, "critical", false, message));
        await Expect(alarms.BadgeCount).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        await alarms.OpenAsync(session.WebUrl, "all");
        await Expect(alarms.Row(message)).ToContainTextAsync(new Regex("cleared \\d{4}-"));
        await Browsers.SaveScreenshotAsync(session.Page, "client-alarms-history");
    }

    [Fact]
    public async Task An_admin_sees_rejected_messages_with_their_reason_and_the_platform_s_health()
    {
        var metric = Fleet.ModelOf(Device).Metrics[0];
        await using (var device = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing))
        {
            await device.PublishAsync(Topics.Telemetry(Device.Thing), new TelemetryPayload
            {
                Seq = 1, Ts = DateTimeOffset.UtcNow, Metrics = new Dictionary<string, double> { [metric.Key] = metric.MaxValid * 10 + 1 },
            });
        }

        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.Admin);
        var rejections = new RejectionsPage(session.Page);
        await Eventually.GetAsync(async () =>
        {
            await rejections.OpenAsync(session.WebUrl, Device.Thing);
            return await rejections.Rows.CountAsync() > 0 ? "listed" : null;
        }, TimeSpan.FromSeconds(20), "the rejected message on the page");
        await Expect(rejections.Rows.First).ToContainTextAsync(Device.Thing);
        await Expect(rejections.Rows.First.Locator(".badge")).Not.ToBeEmptyAsync();
        await Expect(rejections.ByReason).Not.ToBeEmptyAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the rejections page");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-rejections");

        await session.GoToAsync("admin/health");
        var health = new PlatformHealthPage(session.Page);
        await Expect(health.DevicesOnline).ToHaveTextAsync(new Regex(@"^[1-9]\d* / \d+ devices online$"));
        await Expect(health.MessageRate).ToContainTextAsync("messages/s");
        await Expect(health.IngestLag).ToContainTextAsync("ms");
        await Expect(health.Replicas).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the platform health page");
        await Browsers.SaveScreenshotAsync(session.Page, "admin-platform-health");
    }
}
