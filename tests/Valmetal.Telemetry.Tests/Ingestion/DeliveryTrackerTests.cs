using Valmetal.Telemetry.Ingestion.Slots;

namespace Valmetal.Telemetry.Tests.Ingestion;

/// <summary>A session counts as empty only when nothing is unacknowledged and nothing arrived for the quiet period.</summary>
public sealed class DeliveryTrackerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_delivery_not_yet_acknowledged_keeps_the_session_busy_however_long_ago_it_came()
    {
        var clock = new SteppingClock();
        var tracker = new DeliveryTracker(clock);
        var acknowledge = tracker.Delivered(_ => Task.CompletedTask);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(tracker.IsQuietFor(Quiet));

        await acknowledge(CancellationToken.None);
        Assert.Equal(0, tracker.Pending);
        Assert.True(tracker.IsQuietFor(Quiet));
    }

    [Fact]
    public async Task A_recent_delivery_keeps_it_busy_until_the_quiet_period_has_passed()
    {
        var clock = new SteppingClock();
        var tracker = new DeliveryTracker(clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        await tracker.Delivered(_ => Task.CompletedTask)(CancellationToken.None);

        clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        Assert.False(tracker.IsQuietFor(Quiet));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(tracker.IsQuietFor(Quiet));
    }

    /// <summary>A message whose acknowledgement was lost with its connection comes again as a new delivery.</summary>
    [Fact]
    public async Task An_acknowledgement_that_fails_still_ends_the_wait_for_it()
    {
        var tracker = new DeliveryTracker(new SteppingClock());
        var acknowledge = tracker.Delivered(_ => throw new InvalidOperationException("connection gone"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => acknowledge(CancellationToken.None));
        Assert.Equal(0, tracker.Pending);
    }

    /// <summary>Time moves only when the test says so; timestamps are ticks of that time.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
