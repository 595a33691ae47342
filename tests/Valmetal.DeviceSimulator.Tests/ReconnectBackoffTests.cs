using Valmetal.DeviceContract.Connection;

namespace Valmetal.DeviceSimulator.Tests;

public sealed class ReconnectBackoffTests
{
    private static readonly ReconnectBackoff Backoff = ReconnectBackoff.Default;
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_ceiling_doubles_from_the_base_until_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Ceiling(0));
        Assert.Equal(TimeSpan.FromSeconds(2), Backoff.Ceiling(1));
        Assert.Equal(TimeSpan.FromSeconds(16), Backoff.Ceiling(4));
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Ceiling(5));
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Ceiling(int.MaxValue));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1_000)]
    public void Every_delay_lies_between_zero_and_the_ceiling(int attempt)
    {
        var random = new Random(attempt);
        var delays = Enumerable.Range(0, 10_000).Select(_ => Backoff.Delay(attempt, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, Backoff.Ceiling(attempt)));
        Assert.All(delays, d => Assert.True(d <= Backoff.Cap, $"{d} is over the cap"));
    }

    [Fact]
    public void Delays_spread_over_the_whole_range_so_a_fleet_does_not_knock_at_once()
    {
        var random = new Random(42);
        var ceiling = Backoff.Ceiling(3).TotalMilliseconds;
        // 10,000 devices cut off together: their first waits at attempt 3, in tenths of the ceiling.
        var tenths = Enumerable.Range(0, 10_000).Select(_ => (int)(Backoff.Delay(3, random).TotalMilliseconds / ceiling * 10)).CountBy(t => t)
            .ToDictionary(c => Math.Min(c.Key, 9), c => c.Value);

        Assert.Equal(10, tenths.Count);
        // Uniform: about 1,000 in each tenth, none crowded.
        Assert.All(tenths.Values, count => Assert.InRange(count, 850, 1_150));
    }

    [Fact]
    public void A_schedule_waits_longer_after_each_failure_and_starts_over_once_connected()
    {
        var schedule = new ReconnectSchedule(Backoff, new Random(7));
        Assert.True(schedule.IsDue(Start));

        var now = Start;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var delay = schedule.Failed(now);
            Assert.InRange(delay, TimeSpan.Zero, Backoff.Ceiling(attempt));
            Assert.Equal(delay, schedule.WaitFrom(now));
            if (delay > TimeSpan.Zero)
            {
                Assert.False(schedule.IsDue(now + delay - TimeSpan.FromTicks(1)));
            }

            Assert.True(schedule.IsDue(now + delay));
            now += delay;
        }

        Assert.Equal(8, schedule.FailedAttempts);
        schedule.Connected();
        Assert.Equal(0, schedule.FailedAttempts);
        Assert.True(schedule.IsDue(now));
        Assert.InRange(schedule.Failed(now), TimeSpan.Zero, Backoff.Base);
    }
}
