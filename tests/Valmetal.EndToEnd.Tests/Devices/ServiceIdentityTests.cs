using Valmetal.DeviceContract.DemoFleet;
using Valmetal.EndToEnd.Tests.Platform;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// As in AWS, the telemetry replicas present one certificate (the service's identity) and connect with a client id
/// each, from the slot each holds: both receive their share of the fleet's messages and neither knocks the other off.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ServiceIdentityTests(PlatformFixture platform)
{
    private static readonly DemoEquipment Device = PlatformFixture.TestDevice(4);

    [Fact]
    public async Task Replicas_with_one_identity_each_hold_a_slot_and_both_receive()
    {
        var certificates = Enumerable.Range(1, PlatformFixture.TelemetryReplicas)
            .Select(replica => platform.ResourceEnvironment($"telemetry-{replica}", "Broker__CertificatePath"))
            .Distinct();
        Assert.NotNull(Assert.Single(certificates));

        var slots = await ClientSlotRows.ReadAsync(platform);
        Assert.Equal(PlatformFixture.TelemetryReplicas, slots.Count(s => s.Current));

        // One marker per replica, handed out in turn by the shared subscription: all stored means both received.
        await using var device = new ResilientDevice(platform.DeviceIdentity(Device.Thing), Device.Thing);
        await ReplicaMarkers.SendAndAwaitAsync(platform, Device.Thing, (topic, payload) => device.PublishAsync(topic, payload, CancellationToken.None));

        // A second connection with a client id already in use would have ended the first: the broker says so.
        var takeovers = (await File.ReadAllLinesAsync(Path.Combine(PlatformFixture.LogDirectory, "broker.log")))
            .Where(line => line.Contains("already connected, closing old connection", StringComparison.Ordinal)
                && line.Contains("valmetal-", StringComparison.Ordinal));
        Assert.Empty(takeovers);
    }
}
