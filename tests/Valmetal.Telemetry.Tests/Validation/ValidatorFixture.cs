using System.Buffers;
using System.Text;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Tests.Validation;

/// <summary>A validator over the real demo-fleet catalogue (the same data the API seeds), at a fixed time.</summary>
internal static class ValidatorFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 15, 0, TimeSpan.Zero);

    /// <summary>VM-FM-24001, a feed mixer: motor_current_a valid 0..250 A, motor_temp_c -40..150 °C.</summary>
    public static readonly string Mixer = Fleet.Equipment[0].Thing;

    public static TelemetryValidator Create() =>
        new(DemoCatalogue(), new RecentMessages(), new FixedClock(Now), TimeSpan.FromDays(30));

    public static DeviceCatalogue DemoCatalogue()
    {
        var catalogue = new DeviceCatalogue();
        catalogue.Replace(Fleet.Equipment.Select(e =>
        {
            var model = Fleet.ModelOf(e);
            return new DeviceProfile(e.Thing, e.FarmId, model.Code, model.Metrics.ToDictionary(m => m.Key));
        }));
        return catalogue;
    }

    public static ReadOnlySequence<byte> Payload(string json) => new(Encoding.UTF8.GetBytes(json));
}
