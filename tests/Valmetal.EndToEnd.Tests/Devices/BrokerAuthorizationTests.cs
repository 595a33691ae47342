using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Exceptions;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
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
    public async Task A_device_never_receives_another_devices_commands()
    {
        var intruder = PlatformFixture.TestDevice(0);
        var victim = PlatformFixture.TestDevice(1);
        await using var spy = await DeviceClient.ConnectAsync(platform.DeviceIdentity(intruder.Thing), intruder.Thing);
        await using var owner = await DeviceClient.ConnectAsync(platform.DeviceIdentity(victim.Thing), victim.Thing);
        await using var api = await DeviceClient.ConnectAsync(platform.ServiceIdentity("valmetal-api"), "valmetal-api");

        // IoT Core refuses such a SUBSCRIBE outright; Mosquitto 2.0 grants it and then withholds every
        // message the ACL does not allow. Either way nothing may arrive, which is what is asserted.
        await spy.SubscribeAsync(Topics.Config(victim.Thing));
        await owner.SubscribeAsync(Topics.Config(victim.Thing));
        var sent = await api.PublishAsync(Topics.Config(victim.Thing), new { desired = new { mode = "manual" }, version = 2 });

        Assert.Equal(MqttClientPublishReasonCode.Success, sent.ReasonCode);
        await Eventually.GetAsync(() => Task.FromResult(owner.Received.IsEmpty ? null : "delivered"), TimeSpan.FromSeconds(10), "the owner to get its command");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(spy.Received);
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
