using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Devices;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>The farmer's journey in English and French (sign-in, tenant isolation as a farmer sees it, fleet, equipment, maintenance, a report, an alarm), in a real browser.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ClientJourneyTests(PlatformFixture platform, SharedBrowser browser)
{
    /// <summary>The test device the journey's alarm comes from; the journey's farmer belongs to its farm.</summary>
    private static readonly DemoEquipment Device = PlatformFixture.TestDevice(3);

    /// <summary>
    /// The main farmer journey, once per language: the browser asks for it (Accept-Language), and a new user has saved
    /// no preference that could override it. Words, metric names, units, decimal separator and clock are the reader's.
    /// </summary>
    [Theory]
    [InlineData("en-CA")]
    [InlineData("fr-CA")]
    public async Task A_farmer_sees_only_their_fleet_logs_maintenance_and_acknowledges_an_alarm_in_their_language(string locale)
    {
        var words = Wording.Of(locale);
        var farmer = await InviteFarmerAsync(Device.FarmId);
        var foreign = Fleet.Equipment.Where(e => e.FarmId != Device.FarmId).Select(e => e.Thing).ToHashSet();
        using var api = await platform.CreateApiClientAsync(farmer);
        var own = (await api.GetFromJsonAsync<JsonObject>("api/equipment?pageSize=200"))!["items"]!.AsArray()
            .Select(e => e!["serialNumber"]!.GetValue<string>()).Order().ToList();

        await using var session = await WebSession.SignInAsync(platform, browser, farmer, WebSession.Desktop, words);
        var page = session.Page;
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", words.HtmlLang);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(words.Fleet);
        var fleet = new FleetPage(page);
        await Expect(fleet.EquipmentCards).ToHaveCountAsync(own.Count);
        var shown = (await fleet.SerialsAsync()).Order().ToList();
        Assert.Equal(own, shown);
        Assert.DoesNotContain(shown, foreign.Contains);
        await Expect(fleet.FarmHeadings).ToHaveCountAsync(1);
        var unit = Fleet.Equipment.Take(PlatformFixture.SimulatedDevices).First(e => e.FarmId == Device.FarmId);
        var model = Fleet.ModelOf(unit);
        await Expect(page.GetByTestId($"equipment-{unit.Thing}").Locator("dl.metrics dt").First).ToHaveTextAsync(words.MetricName(model.Metrics[0]));
        var values = await fleet.ValuesAsync();
        Assert.All(values, value => Assert.Matches(words.ShownValue, value));
        Assert.Contains(values, value => value.Contains(words.DecimalSeparator, StringComparison.Ordinal));
        await Browsers.SaveScreenshotAsync(page, $"farmer-fleet-{locale}");

        await fleet.OpenEquipmentAsync(unit.Thing);
        await page.WaitForURLAsync($"**/equipment/{unit.Thing}");
        var equipment = new EquipmentPage(page, words);
        // A metric whose unit differs between the languages when the model has one ("rpm", "tr/min").
        var metric = model.Metrics.FirstOrDefault(m => m.Unit != m.UnitFr) ?? model.Metrics[0];
        await Expect(equipment.GaugeName(metric.Key)).ToHaveTextAsync(words.MetricName(metric));
        await Expect(equipment.LiveValue(metric.Key)).ToContainTextAsync(words.MetricUnit(metric));
        var title = $"Replaced auger wear plates {Guid.NewGuid():N}"[..36];
        await equipment.LogWorkAsync(title, "Plates worn to 3 mm", "2x wear plate WP-120", 45);
        await Expect(equipment.MaintenanceList.Locator("tr", new() { HasText = title })).ToContainTextAsync(farmer.Email);
        var report = Encoding.UTF8.GetBytes("%PDF-1.4\n% service report\n" + new string('x', 2000));
        await equipment.UploadReportAsync("auger-service.pdf", "application/pdf", report);
        await Expect(equipment.DocumentsList).ToContainTextAsync("auger-service.pdf");
        await Browsers.SaveScreenshotAsync(page, $"farmer-equipment-{locale}");

        await AcknowledgeAnAlarmAsync(session, api, words);
    }

    /// <summary>A device on the farmer's farm raises an alarm; the farmer acknowledges it; the device clears it.</summary>
    private async Task AcknowledgeAnAlarmAsync(WebSession session, HttpClient api, Wording words)
    {
        var code = "JR" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var message = $"Auger motor overload {code}";
        var alarms = new AlarmsPage(session.Page, words);
        await alarms.OpenAsync(session.WebUrl);
        await alarms.WaitUntilBadgeIsLiveAsync();
        // The device fell silent when the other language's journey ended, and the inactivity sweep may have opened an
        // offline alarm since; its next message ends it. The count the badge starts from is read once that has
        // happened and the badge shows it.
        await using var device = await DeviceClient.ConnectAsync(platform.DeviceIdentity(Device.Thing), Device.Thing);
        var metric = Fleet.ModelOf(Device).Metrics[0];
        await device.PublishAsync(Topics.Telemetry(Device.Thing), new TelemetryPayload
        {
            Seq = 0,
            Ts = DateTimeOffset.UtcNow,
            Metrics = new Dictionary<string, double> { [metric.Key] = metric.MinValid },
        });
        await Eventually.PollAsync(
            async () => (await api.GetFromJsonAsync<JsonObject>($"api/alarms?state=open&serialNumber={Device.Thing}"))!["items"]!.AsArray().Count,
            open => open == 0, TimeSpan.FromSeconds(20));
        var summary = (await api.GetFromJsonAsync<JsonObject>("api/alarms/summary"))!;
        var before = summary["active"]!.GetValue<int>() + summary["acknowledged"]!.GetValue<int>();
        await Expect(alarms.BadgeCount).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        var raisedAt = DateTimeOffset.UtcNow;
        await device.PublishAsync(Topics.Events(Device.Thing), new EventPayload(raisedAt, code, "critical", true, message));
        await Expect(alarms.BadgeCount).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 20_000 });

        await alarms.OpenAsync(session.WebUrl);
        var shownAt = words.UtcMinute.Match((await alarms.Row(message).TextContentAsync())!);
        Assert.True(shownAt.Success, $"the raised time in the reader's format: {await alarms.Row(message).TextContentAsync()}");
        var minute = new TimeOnly(int.Parse(shownAt.Groups["hour"].Value, CultureInfo.InvariantCulture), int.Parse(shownAt.Groups["minute"].Value, CultureInfo.InvariantCulture));
        // The row shows when the alarm started, to the minute and on a 24 h clock; storing it may cross into the next minute.
        Assert.Contains(minute, new[] { raisedAt, raisedAt.AddMinutes(1) }.Select(at => new TimeOnly(at.UtcDateTime.Hour, at.UtcDateTime.Minute)));
        await alarms.AcknowledgeAsync(message);
        await Expect(alarms.Row(message)).ToContainTextAsync(new Regex($"{words.Acknowledged}\\s*{words.By} {Regex.Escape(session.User.Email)}"));
        await Browsers.SaveScreenshotAsync(session.Page, $"farmer-alarms-{words.BrowserLocale}");

        await device.PublishAsync(Topics.Events(Device.Thing), new EventPayload(DateTimeOffset.UtcNow, code, "critical", false, message));
        await Expect(alarms.BadgeCount).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
    }

    /// <summary>A farmer of <paramref name="farmId"/> invited for this test only: nothing saved to their account yet.</summary>
    private async Task<DemoUser> InviteFarmerAsync(Guid farmId)
    {
        var farmer = new DemoUser($"journey-{Guid.NewGuid():N}@example.test", "Journey-Password-2026", "farmers", "Journey Farmer", [farmId]);
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var created = await admin.PostAsJsonAsync("api/users", new JsonObject
        {
            ["email"] = farmer.Email, ["displayName"] = farmer.DisplayName, ["role"] = farmer.Group,
            ["farmIds"] = new JsonArray(farmId.ToString()), ["initialPassword"] = farmer.Password,
        });
        created.EnsureSuccessStatusCode();
        return farmer;
    }

    [Fact]
    public async Task An_admin_sees_every_farm_and_all_equipment()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await new SignInPage(page, platform.WebUrl).SignInAsync(DemoUsers.Admin);

        var fleet = new FleetPage(page);
        await Expect(page.GetByTestId($"equipment-{Fleet.Equipment[^1].Thing}")).ToBeVisibleAsync();
        await Expect(fleet.FarmHeadings.Filter(new() { HasText = Fleet.Farms[2].Name })).ToHaveCountAsync(1);
        Assert.True(await fleet.FarmHeadings.CountAsync() >= Fleet.Farms.Count);
        var shown = await fleet.SerialsAsync();
        Assert.All(Fleet.Equipment, e => Assert.Contains(e.Thing, shown));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();

        // The whole fleet's state must reach the live circuit too (it once exceeded the connection's message limit).
        var value = fleet.Value(Fleet.Equipment[0].Thing, "motor_current_a");
        var before = await value.TextContentAsync();
        await Expect(value).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        await Browsers.SaveScreenshotAsync(page, "admin-fleet");
    }

    [Fact]
    public async Task A_wrong_password_is_told_clearly_and_grants_nothing()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page, platform.WebUrl);

        await signIn.OpenAsync();
        await signIn.SubmitAsync(DemoUsers.FarmerBeauregard.Email, "not-the-password");

        await Expect(signIn.Error).ToHaveTextAsync("Wrong e-mail or password.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sign-in page");
        await Browsers.SaveScreenshotAsync(page, "signin");
        await page.GotoAsync(platform.WebUrl.ToString());
        await page.WaitForURLAsync("**/signin**");
    }
}
