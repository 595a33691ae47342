using Valmetal.Api.Features.Maintenance;

namespace Valmetal.Api.Tests.Maintenance;

public sealed class MaintenanceDueTests
{
    private static readonly DateOnly Installed = new(2025, 3, 10);

    [Fact]
    public void A_plan_never_done_is_due_its_interval_after_the_installation_day()
    {
        var (at, runHours) = MaintenanceDue.Next(90, 500, Installed, lastDoneAt: null, lastDoneRunHours: null);

        Assert.Equal(new DateTimeOffset(2025, 6, 8, 0, 0, 0, TimeSpan.Zero), at);
        Assert.Equal(500, runHours);
    }

    [Fact]
    public void A_plan_done_before_is_due_its_interval_after_that_time_and_those_hours()
    {
        var done = new DateTimeOffset(2026, 11, 2, 14, 30, 0, TimeSpan.Zero);

        var (at, runHours) = MaintenanceDue.Next(30, 250, Installed, done, 1_234.5);

        Assert.Equal(done.AddDays(30), at);
        Assert.Equal(1_484.5, runHours);
    }

    [Fact]
    public void A_plan_in_days_only_has_no_run_hours_and_one_in_hours_only_no_date()
    {
        Assert.Equal((new DateTimeOffset(2025, 3, 17, 0, 0, 0, TimeSpan.Zero), (double?)null), MaintenanceDue.Next(7, null, Installed, null, null));
        Assert.Equal(((DateTimeOffset?)null, 100.0), MaintenanceDue.Next(null, 100, Installed, null, null));
    }

    [Fact]
    public void A_completion_logged_without_run_hours_counts_hours_from_zero()
    {
        var (_, runHours) = MaintenanceDue.Next(null, 100, Installed, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null);

        Assert.Equal(100, runHours);
    }
}
