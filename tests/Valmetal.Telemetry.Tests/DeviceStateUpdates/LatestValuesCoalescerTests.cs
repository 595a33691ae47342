using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Ingestion;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.DeviceStateUpdates;

public sealed class LatestValuesCoalescerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly string Scraper = Valmetal.DeviceContract.DemoFleet.Fleet.Equipment[1].Thing;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly LatestValuesCoalescer _coalescer;

    public LatestValuesCoalescerTests() =>
        _coalescer = new LatestValuesCoalescer(_time, Options.Create(new IngestionOptions { LatestValuesInterval = Interval }));

    [Fact]
    public void Many_messages_of_one_device_become_one_write_with_the_newest_values()
    {
        for (var i = 0; i < 100; i++)
        {
            _coalescer.Add(new DeviceStateChange(Mixer).Seen(Now.AddSeconds(i)).Metric("motor_temp_c", i, Now.AddSeconds(i)));
        }

        var write = Assert.Single(_coalescer.TakeDue());

        Assert.Equal(99, write.Metrics["motor_temp_c"].Value);
        Assert.Equal(Now.AddSeconds(99), write.LastSeen);
        Assert.Empty(_coalescer.TakeDue());
    }

    [Fact]
    public void A_device_written_is_written_again_only_an_interval_later_with_what_it_sent_meanwhile()
    {
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 1, Now));
        Assert.Single(_coalescer.TakeDue());

        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 2, Now.AddSeconds(1)));
        _time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.Empty(_coalescer.TakeDue());
        Assert.Equal(1, _coalescer.Pending);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, Assert.Single(_coalescer.TakeDue()).Metrics["motor_temp_c"].Value);
    }

    [Fact]
    public void Each_device_keeps_its_own_interval()
    {
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 1, Now));
        Assert.Single(_coalescer.TakeDue());
        _time.Advance(TimeSpan.FromSeconds(10));

        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 2, Now));
        _coalescer.Add(new DeviceStateChange(Scraper).Metric("motor_temp_c", 3, Now));

        Assert.Equal(Scraper, Assert.Single(_coalescer.TakeDue()).Thing);
    }

    [Fact]
    public void Values_that_could_not_be_written_come_back_due_at_once_without_hiding_newer_ones()
    {
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 50, Now).Metric("load_kg", 1000, Now));
        var failed = _coalescer.TakeDue();
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 60, Now.AddSeconds(5)));

        _coalescer.Return(failed);

        var retried = Assert.Single(_coalescer.TakeDue());
        Assert.Equal(60, retried.Metrics["motor_temp_c"].Value);
        Assert.Equal(1000, retried.Metrics["load_kg"].Value);
    }

    [Fact]
    public void On_shutdown_everything_gathered_is_taken_due_or_not()
    {
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 1, Now));
        Assert.Single(_coalescer.TakeDue());
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 2, Now.AddSeconds(1)));

        Assert.Equal(2, Assert.Single(_coalescer.TakeAll()).Metrics["motor_temp_c"].Value);
        Assert.Equal(0, _coalescer.Pending);
    }
}
