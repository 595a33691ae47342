using Valmetal.DeviceSimulator.Incidents;

namespace Valmetal.DeviceSimulator.Tests;

public sealed class IncidentScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    [Fact]
    public void The_same_seed_gives_the_same_incidents()
    {
        var first = Run(seed: 42, TimeSpan.FromDays(1));
        var second = Run(seed: 42, TimeSpan.FromDays(1));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Another_seed_gives_other_incidents()
    {
        Assert.NotEqual(Run(seed: 42, TimeSpan.FromDays(1)), Run(seed: 43, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Incidents_come_about_as_often_as_the_mean_interval_says_and_last_about_their_duration()
    {
        var changes = Run(seed: 7, TimeSpan.FromDays(30), mean: TimeSpan.FromMinutes(30), duration: TimeSpan.FromMinutes(2));

        var starts = changes.Where(c => c.Change == IncidentChange.Started).Select(c => c.At).ToList();
        var ends = changes.Where(c => c.Change == IncidentChange.Ended).Select(c => c.At).ToList();
        // 30 days / (30 min gap + 2 min incident) is 1350 incidents; a seeded run lands within 10% of it.
        Assert.InRange(starts.Count, 1215, 1485);
        Assert.All(starts.Zip(ends), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3) + Step));
        Assert.All(changes.Zip(changes.Skip(1)), pair => Assert.NotEqual(pair.First.Change, pair.Second.Change));
    }

    [Fact]
    public void Ending_an_incident_early_stops_it_and_the_next_one_waits_for_a_new_gap()
    {
        var schedule = new IncidentSchedule(new Random(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
        var now = Start;
        while (schedule.Advance(now) != IncidentChange.Started)
        {
            now += Step;
        }

        schedule.EndNow(now);

        Assert.False(schedule.IsActive);
        Assert.Equal(IncidentChange.None, schedule.Advance(now + Step));
        Assert.False(schedule.IsActive);
    }

    private static List<(DateTimeOffset At, IncidentChange Change)> Run(int seed, TimeSpan span, TimeSpan? mean = null, TimeSpan? duration = null)
    {
        var schedule = new IncidentSchedule(new Random(seed), mean ?? TimeSpan.FromMinutes(40), duration ?? TimeSpan.FromMinutes(2));
        var changes = new List<(DateTimeOffset, IncidentChange)>();
        for (var now = Start; now < Start + span; now += Step)
        {
            var change = schedule.Advance(now);
            if (change != IncidentChange.None)
            {
                changes.Add((now, change));
            }
        }

        return changes;
    }
}
