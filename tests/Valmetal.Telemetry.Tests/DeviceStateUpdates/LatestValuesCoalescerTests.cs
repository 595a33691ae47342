using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Ingestion;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.DeviceStateUpdates;

public sealed class LatestValuesCoalescerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Flush = TimeSpan.FromSeconds(2);
    private static readonly string Scraper = Valmetal.DeviceContract.DemoFleet.Fleet.Equipment[1].Thing;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly LatestValuesCoalescer _coalescer;

    public LatestValuesCoalescerTests() =>
        _coalescer = new LatestValuesCoalescer(_time, Options.Create(new IngestionOptions { LatestValuesInterval = Interval, StateFlushInterval = Flush }));

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
    public void A_device_sending_all_along_is_written_at_its_turn_once_per_interval_with_what_it_sent_meanwhile()
    {
        var written = new List<(DateTimeOffset At, double Value)>();
        for (var flush = 0; flush < 4 * Interval / Flush; flush++)
        {
            _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", flush, _time.GetUtcNow()));
            written.AddRange(_coalescer.TakeDue().Select(w => (_time.GetUtcNow(), w.Metrics["motor_temp_c"].Value)));
            _time.Advance(Flush);
        }

        // The first write at once; the next at the device's turn, an interval less one flush later at the soonest.
        Assert.Equal((Now, 0), written[0]);
        Assert.InRange(written[1].At - written[0].At, Interval - Flush, 2 * Interval - Flush);
        Assert.All(written.Skip(2).Zip(written.Skip(1)), w => Assert.Equal(Interval, w.First.At - w.Second.At));
        Assert.All(written, w => Assert.Equal((w.At - Now) / Flush, w.Value));
    }

    [Fact]
    public void A_fleet_written_together_at_first_spreads_its_next_writes_evenly_over_the_interval()
    {
        var fleet = Enumerable.Range(0, 3000).Select(i => $"FLEET-A1B2C3-{i:D5}").ToList();
        var perFlush = new List<int>();
        var writes = fleet.ToDictionary(thing => thing, _ => 0);
        for (var flush = 0; flush <= 3 * Interval / Flush; flush++)
        {
            fleet.ForEach(thing => _coalescer.Add(new DeviceStateChange(thing).Metric("load_kg", flush, _time.GetUtcNow())));
            var taken = _coalescer.TakeDue();
            perFlush.Add(taken.Count);
            foreach (var change in taken)
            {
                writes[change.Thing]++;
            }

            _time.Advance(Flush);
        }

        // All at once at first, none again within an interval less one flush, then an even share a flush: 3,000 x 2 s /
        // 30 s = 200, none more than half as much again.
        var quiet = (int)((Interval - Flush) / Flush);
        Assert.Equal(fleet.Count, perFlush[0]);
        Assert.All(perFlush.Skip(1).Take(quiet), count => Assert.Equal(0, count));
        Assert.All(perFlush.Skip(quiet + 1), count => Assert.InRange(count, 100, 300));
        Assert.All(writes.Values, count => Assert.InRange(count, 3, 4));
    }

    [Fact]
    public void A_device_quiet_past_its_turn_is_written_at_once_when_it_sends_again()
    {
        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 1, Now));
        Assert.Single(_coalescer.TakeDue());
        _time.Advance(2 * Interval);

        _coalescer.Add(new DeviceStateChange(Mixer).Metric("motor_temp_c", 2, _time.GetUtcNow()));

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
