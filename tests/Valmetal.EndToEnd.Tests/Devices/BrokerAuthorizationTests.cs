using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Exceptions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>The broker confines each device certificate to its own topics, as IoT Core's policy does.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BrokerAuthorizationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_device_cannot_publish_on_another_devices_topic()
    {
        var intruder = PlatformFixture.TestDevice(0);
        var victim = PlatformFixture.TestDevice(1);
        await using var client = await DeviceClient.ConnectAsync(platform.DeviceIdentity(intruder.Thing), intruder.Thing);
        var payload = new TelemetryPayload
        {
            Seq = 1,
            Ts = DateTimeOffset.UtcNow,
            Metrics = new Dictionary<string, double> { ["motor_current_a"] = 10 },
        };

        var foreign = await client.PublishAsync(Topics.Telemetry(victim.Thing), payload);
        var own = await client.PublishAsync(Topics.Telemetry(intruder.Thing), payload);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
    }

    [Fact]
    public async Task A_device_never_receives_another_devices_messages()
    {
        var spy = PlatformFixture.TestDevice(0);
        var victim = PlatformFixture.TestDevice(1);
        await using var intruder = await DeviceClient.ConnectAsync(platform.DeviceIdentity(spy.Thing), spy.Thing);
        await using var owner = await DeviceClient.ConnectAsync(platform.DeviceIdentity(victim.Thing), victim.Thing);

        // IoT Core refuses such a SUBSCRIBE outright; Mosquitto 2.0 grants it and then withholds every
        // message the ACL does not allow. Either way nothing may arrive, which is what is asserted.
        foreach (var kind in Topics.DeviceKinds)
        {
            await intruder.SubscribeAsync(Topics.Device(victim.Thing, kind));
        }

        await intruder.SubscribeAsync(Topics.Config(victim.Thing));
        var ts = DateTimeOffset.UtcNow;
        var sent = await owner.PublishAsync(Topics.Telemetry(victim.Thing), new TelemetryPayload
        {
            Seq = 1,
            Ts = ts,
            Metrics = new Dictionary<string, double> { ["motor_current_a"] = 11 },
        });
        Assert.Equal(MqttClientPublishReasonCode.Success, sent.ReasonCode);

        // The telemetry service did receive it (it is stored), so the broker delivered it to the subscriber allowed to read it.
        using var admin = await platform.CreateApiClientAsync(DemoUsers.Admin);
        await Eventually.GetAsync(async () =>
        {
            var history = await admin.GetStringAsync(
                $"api/equipment/{victim.Thing}/metrics/motor_current_a/history?from={Uri.EscapeDataString(ts.AddSeconds(-1).ToString("O"))}&to={Uri.EscapeDataString(ts.AddSeconds(1).ToString("O"))}&bucketSeconds=1");
            return history.Contains("\"count\":1", StringComparison.Ordinal) ? history : null;
        }, TimeSpan.FromSeconds(30), "the victim's message to be stored");
        Assert.Empty(intruder.Received);
    }

    [Fact]
    public async Task A_certificate_not_issued_by_the_platform_cannot_connect()
    {
        var stranger = Path.Combine(platform.StateDirectory, "stranger");
        Directory.CreateDirectory(stranger);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var thing = PlatformFixture.TestDevice(0).Thing;
        using var selfSigned = new CertificateRequest($"CN={thing}", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(stranger, "device.crt"), selfSigned.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(stranger, "device.key"), key.ExportPkcs8PrivateKeyPem());
        var identity = platform.DeviceIdentity(thing);
        identity.CertificatePath = Path.Combine(stranger, "device.crt");
        identity.PrivateKeyPath = Path.Combine(stranger, "device.key");

        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => DeviceClient.ConnectAsync(identity, thing));
    }
}
