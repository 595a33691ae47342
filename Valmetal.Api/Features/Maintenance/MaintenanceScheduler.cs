using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;

namespace Valmetal.Api.Features.Maintenance;

/// <summary>
/// Keeps one pending task per plan and unit, due as <see cref="MaintenanceDue"/> says: in days, in run hours, or both,
/// whichever comes first makes it overdue.
/// </summary>
public static class MaintenanceScheduler
{
    public static async Task EnsureDueTasksAsync(ValmetalDbContext db, TimeProvider time, IReadOnlyCollection<string>? serialNumbers, CancellationToken ct)
    {
        var equipment = db.Equipment.AsNoTracking().AsQueryable();
        if (serialNumbers is not null)
        {
            equipment = equipment.Where(e => serialNumbers.Contains(e.SerialNumber));
        }

        var pairs = await (
            from unit in equipment
            join plan in db.MaintenancePlans.AsNoTracking() on unit.ModelCode equals plan.ModelCode
            where !db.MaintenanceLogs.Any(l => l.SerialNumber == unit.SerialNumber && l.PlanId == plan.Id && l.Status == MaintenanceStatus.Pending)
            select new
            {
                unit.SerialNumber,
                unit.InstalledOn,
                Plan = plan,
                LastDone = db.MaintenanceLogs
                    .Where(l => l.SerialNumber == unit.SerialNumber && l.PlanId == plan.Id && l.Status == MaintenanceStatus.Done)
                    .OrderByDescending(l => l.CompletedAt)
                    .Select(l => new { l.CompletedAt, l.CompletedAtRunHours })
                    .FirstOrDefault(),
            }).ToListAsync(ct);

        var now = time.GetUtcNow();
        foreach (var pair in pairs)
        {
            var (dueAt, dueRunHours) = MaintenanceDue.Next(pair.Plan.IntervalDays, pair.Plan.IntervalRunHours, pair.InstalledOn,
                pair.LastDone?.CompletedAt, pair.LastDone?.CompletedAtRunHours);
            db.MaintenanceLogs.Add(new MaintenanceLog
            {
                Id = Guid.CreateVersion7(),
                SerialNumber = pair.SerialNumber,
                PlanId = pair.Plan.Id,
                Title = pair.Plan.Name,
                Status = MaintenanceStatus.Pending,
                DueAt = dueAt,
                DueRunHours = dueRunHours,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
