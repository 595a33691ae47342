using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Exceptions;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>Registering equipment gives it an identity the broker accepts; revoking it locks the device out.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DeviceIdentityTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_registered_device_connects_with_its_issued_certificate_until_an_admin_revokes_it()
    {
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        var serial = $"VM-FM-T{Random.Shared.Next(100_000, 999_999)}";
        (await admin.PostAsJsonAsync("api/equipment", new
        {
            serialNumber = serial, displayName = "Test mixer", modelCode = "VM-FM-1200", farmId = Fleet.Farms[0].Id,
            installedOn = "2025-03-01", firmware = "3.3.0",
        })).EnsureSuccessStatusCode();

        var issued = await admin.PostAsync($"api/equipment/{serial}/certificate", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Contains("no-store", issued.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var credentials = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var identity = await platform.WriteIssuedIdentityAsync(serial, credentials);

        var second = await admin.PostAsync($"api/equipment/{serial}/certificate", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.DoesNotContain("PRIVATE KEY", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var device = await DeviceClient.ConnectAsync(identity, serial))
        {
            var published = await device.PublishAsync(Topics.Status(serial), new StatusPayload(true, DateTimeOffset.UtcNow));
            Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        }

        (await admin.PostAsync($"api/equipment/{serial}/certificate/revoke", null)).EnsureSuccessStatusCode();

        Assert.NotNull(await RefusedAsync(identity, serial, "the broker to refuse the revoked certificate"));
        var history = await admin.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/certificates");
        Assert.NotNull(Assert.Single(history!)!["revokedAt"]);
    }

    [Fact]
    public async Task Retired_equipment_leaves_the_registry_its_device_is_refused_and_it_gets_no_new_certificate()
    {
        var serial = $"VM-FM-R{Random.Shared.Next(100_000, 999_999)}";
        var identity = await platform.RegisterDeviceAsync(serial);
        Assert.Equal(platform.BrokerPort, identity.Port);
        await using (var device = await DeviceClient.ConnectAsync(identity, serial))
        {
            Assert.Equal(MqttClientPublishReasonCode.Success,
                (await device.PublishAsync(Topics.Status(serial), new StatusPayload(true, DateTimeOffset.UtcNow))).ReasonCode);
        }

        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        using var read = await admin.GetAsync($"api/equipment/{serial}");
        read.EnsureSuccessStatusCode();
        var equipment = (await read.Content.ReadFromJsonAsync<JsonObject>())!["equipment"]!;
        using var retire = new HttpRequestMessage(HttpMethod.Put, $"api/equipment/{serial}")
        {
            Content = JsonContent.Create(new
            {
                displayName = equipment["displayName"]!.GetValue<string>(), farmId = equipment["farmId"]!.GetValue<Guid>(),
                firmware = equipment["firmware"]!.GetValue<string>(), status = "Retired", runHours = 12.5,
                installedOn = equipment["installedOn"]!.GetValue<string>(),
            }),
        };
        retire.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        (await admin.SendAsync(retire)).EnsureSuccessStatusCode();

        Assert.NotNull(await RefusedAsync(identity, serial, "the broker to refuse the retired device's certificate"));
        var certificates = await admin.GetFromJsonAsync<JsonArray>($"api/equipment/{serial}/certificates");
        Assert.NotNull(Assert.Single(certificates!)!["revokedAt"]);
        using var reissue = await admin.PostAsync($"api/equipment/{serial}/certificate", null);
        Assert.Equal(HttpStatusCode.Conflict, reissue.StatusCode);
    }

    /// <summary>The broker's refusal of the device's next connection, once the revocation list it reloads names the certificate.</summary>
    private static Task<MqttCommunicationException> RefusedAsync(BrokerConnectionOptions identity, string serial, string what) =>
        Eventually.GetAsync(async () =>
        {
            try
            {
                await using var device = await DeviceClient.ConnectAsync(identity, serial);
                return null;
            }
            catch (MqttCommunicationException ex)
            {
                return ex;
            }
        }, TimeSpan.FromSeconds(20), what);
}
