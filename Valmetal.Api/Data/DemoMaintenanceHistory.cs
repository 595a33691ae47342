using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Data;

/// <summary>
/// The last time each plan's work was done on a demo unit, counted back from today, so the demo fleet shows what a
/// working fleet does: most tasks due in the coming weeks, some overdue, one or two due within days. Counted from the
/// installation date instead, every unit installed years ago would show every task overdue.
/// </summary>
public static class DemoMaintenanceHistory
{
    /// <summary>
    /// Days since the last safety inspection (every 90 days), by unit: two in seven are overdue, one is due within a
    /// week. Seven, prime to the number of demo farms, so every farm gets the whole mix.
    /// </summary>
    private static readonly int[] InspectionDaysAgo = [20, 45, 96, 70, 84, 110, 30];

    public static async Task SeedAsync(ValmetalDbContext db, IReadOnlyList<(Equipment Unit, int Index)> seeded, TimeProvider time, CancellationToken ct)
    {
        if (seeded.Count == 0)
        {
            return;
        }

        var models = seeded.Select(s => s.Unit.ModelCode).ToHashSet(StringComparer.Ordinal);
        var plans = await db.MaintenancePlans.AsNoTracking().Where(p => models.Contains(p.ModelCode)).ToListAsync(ct);
        var today = time.GetUtcNow().Date;
        foreach (var (unit, index) in seeded)
        {
            foreach (var plan in plans.Where(p => p.ModelCode == unit.ModelCode))
            {
                // Plans counted in run hours were done well within their interval, so days decide which are overdue.
                var daysAgo = plan.IntervalRunHours is null ? InspectionDaysAgo[index % InspectionDaysAgo.Length] : 30 + index * 61 % 300;
                var hoursSince = plan.IntervalRunHours is { } interval ? Math.Min(unit.RunHours, interval * (0.1 + index * 0.13 % 0.7)) : 0;
                db.MaintenanceLogs.Add(new MaintenanceLog
                {
                    Id = Guid.CreateVersion7(),
                    SerialNumber = unit.SerialNumber,
                    PlanId = plan.Id,
                    Title = plan.Name,
                    Status = MaintenanceStatus.Done,
                    CompletedAt = new DateTimeOffset(today.AddDays(-daysAgo).AddHours(10), TimeSpan.Zero),
                    CompletedAtRunHours = plan.IntervalRunHours is null ? null : Math.Round(unit.RunHours - hoursSince),
                    Notes = "Demo history.",
                    CreatedAt = time.GetUtcNow(),
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
