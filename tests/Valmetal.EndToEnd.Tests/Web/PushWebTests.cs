using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>
/// Web Push in the browser: the page hands a subscription to the web app, which registers it for the signed-in user
/// and removes it at sign-out; the service worker shows what the notifier pushes. Chromium's real PushManager needs
/// Google's push service, out of reach here: the subscription is made up (an https endpoint nothing answers, keys of
/// the right sizes) and the push is delivered through the DevTools protocol.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PushWebTests(PlatformFixture platform, SharedBrowser browser)
{
    [Fact]
    public async Task A_subscription_the_page_posts_is_stored_for_the_user_and_gone_after_sign_out()
    {
        var farmer = DemoUsers.FarmerPrairie;
        using var api = await platform.CreateApiClientAsync(farmer);
        var sub = (await api.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("sub").GetString()!;
        var endpoint = $"https://push.invalid/web-test/{Guid.NewGuid():N}";
        // An uncompressed P-256 point is 65 bytes (0x04, x, y); the auth secret 16. Not a real key: nothing is sent to it.
        var p256dh = RandomNumberGenerator.GetBytes(65);
        p256dh[0] = 0x04;
        var subscription = new { endpoint, keys = new { p256dh = Base64Url.EncodeToString(p256dh), auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) } };

        await using var session = await WebSession.SignInAsync(platform, browser, farmer);
        await session.GoToAsync("account/notifications");
        // What the page's own script does after PushManager.subscribe: js/push.js posts it with the antiforgery token.
        var status = await session.Page.EvaluateAsync<int>("subscription => window.valmetalPush.register(subscription)", subscription);

        Assert.Equal(204, status);
        Assert.Equal([sub], await HoldersAsync(endpoint));

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?signedOut=1$"));
        Assert.Empty(await HoldersAsync(endpoint));
    }

    [Fact]
    public async Task The_service_worker_shows_a_pushed_alarm_as_a_notification()
    {
        await using var session = await WebSession.SignInAsync(platform, browser, DemoUsers.FarmerErables);
        var origin = session.WebUrl.GetLeftPart(UriPartial.Authority);
        await session.Context.GrantPermissionsAsync(["notifications"], new() { Origin = origin });
        var page = session.Page;
        await ServiceWorker.ActiveAsync(page);

        var cdp = await session.Context.NewCDPSessionAsync(page);
        var registration = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, update) =>
        {
            foreach (var found in update?.GetProperty("registrations").EnumerateArray() ?? Enumerable.Empty<JsonElement>())
            {
                if (found.GetProperty("scopeURL").GetString() == origin + "/" && !found.GetProperty("isDeleted").GetBoolean())
                {
                    registration.TrySetResult(found.GetProperty("registrationId").GetString()!);
                }
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var registrationId = await registration.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var tag = "alarm-" + Guid.NewGuid().ToString("N");
        const string Title = "[Critical] Feed mixer FM-7: Motor temperature 120 °C", Body = "Severity: Critical";
        var url = new Uri(session.WebUrl, "alarms?alarm=1").ToString();
        // Chromium's getNotifications() deletes every stored notification the platform does not yet report as displayed
        // (platform_notification_context_impl.cc): a read while the worker is still showing it loses it for good. So the
        // list is read once, after Chromium's own record (DevTools' background services) that the notification went to
        // the platform; that record's instance id is the notification's tag.
        var displayed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("BackgroundService.backgroundServiceEventReceived").OnEvent += (_, received) =>
        {
            if (received?.GetProperty("backgroundServiceEvent") is { } record
                && record.GetProperty("instanceId").GetString() == tag && record.GetProperty("eventName").GetString() == "Notification displayed")
            {
                displayed.TrySetResult(record);
            }
        };
        await cdp.SendAsync("BackgroundService.setRecording", new() { ["shouldRecord"] = true, ["service"] = "notifications" });
        await cdp.SendAsync("BackgroundService.startObserving", new() { ["service"] = "notifications" });

        // The shape of Valmetal.Notifier/Channels/PushPayload.cs.
        var payload = JsonSerializer.Serialize(new
        {
            title = Title,
            body = Body,
            url,
            tag,
        });
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new() { ["origin"] = origin, ["registrationId"] = registrationId, ["data"] = payload });

        var record = await displayed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var metadata = record.GetProperty("eventMetadata").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("value").GetString());
        Assert.Equal(Title, metadata["Title"]);
        Assert.Equal(Body, metadata["Body"]);
        var shown = await page.EvaluateAsync<JsonElement>("""
            async tag => (await (await navigator.serviceWorker.ready).getNotifications({ tag }))
              .map(n => ({ title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url }))
            """, tag);
        var notification = Assert.Single(shown.EnumerateArray());
        Assert.Equal(Title, notification.GetProperty("title").GetString());
        Assert.Equal(Body, notification.GetProperty("body").GetString());
        Assert.Equal(tag, notification.GetProperty("tag").GetString());
        Assert.Equal(url, notification.GetProperty("url").GetString());
    }

    /// <summary>Whose subscription the endpoint is, straight from the database: the API lists no one's subscriptions.</summary>
    private async Task<List<string>> HoldersAsync(string endpoint)
    {
        await using var db = new NpgsqlConnection(await platform.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await using var query = new NpgsqlCommand($"select user_sub from {Tables.PushSubscriptions} where endpoint = @endpoint", db);
        query.Parameters.AddWithValue("endpoint", endpoint);
        var holders = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders.Add(reader.GetString(0));
        }

        return holders;
    }
}
