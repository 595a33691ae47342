using Valmetal.Telemetry.DeviceStateUpdates;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.DeviceStateUpdates;

public sealed class LatestValuesCoalescerTests
{
    [Fact]
    public void Many_messages_of_one_device_become_one_write_with_the_newest_values()
    {
        var coalescer = new LatestValuesCoalescer();
        for (var i = 0; i < 100; i++)
        {
            coalescer.Add(new DeviceStateChange(Mixer).Seen(Now.AddSeconds(i)).Metric("motor_temp_c", i, Now.AddSeconds(i)));
        }

        var write = Assert.Single(coalescer.TakeAll());

        Assert.Equal(99, write.Metrics["motor_temp_c"].Value);
        Assert.Equal(Now.AddSeconds(99), write.LastSeen);
        Assert.Empty(coalescer.TakeAll());
    }

    [Fact]
    public void Values_that_could_not_be_written_come_back_without_hiding_newer_ones()
    {
        var coalescer = new LatestValuesCoalescer();
        coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 50, Now).Metric("load_kg", 1000, Now));
        var failed = coalescer.TakeAll();
        coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 60, Now.AddSeconds(5)));

        coalescer.Return(failed);

        var retried = Assert.Single(coalescer.TakeAll());
        Assert.Equal(60, retried.Metrics["motor_temp_c"].Value);
        Assert.Equal(1000, retried.Metrics["load_kg"].Value);
    }
}
