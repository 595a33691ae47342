namespace Valmetal.Api.Features.Maintenance;

/// <summary>When a plan's next task on a unit falls due: its interval after the last time it was done, or after installation.</summary>
public static class MaintenanceDue
{
    /// <summary>
    /// The due date (days after the last completion, or after the installation day when never done) and the due run
    /// hours (the hours at the last completion, or 0, plus the interval); null where the plan has no such interval.
    /// </summary>
    public static (DateTimeOffset? At, double? RunHours) Next(
        int? intervalDays, int? intervalRunHours, DateOnly installedOn, DateTimeOffset? lastDoneAt, double? lastDoneRunHours)
    {
        var since = lastDoneAt ?? new DateTimeOffset(installedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (intervalDays is { } days ? since.AddDays(days) : null,
            intervalRunHours is { } hours ? (lastDoneRunHours ?? 0) + hours : null);
    }
}
