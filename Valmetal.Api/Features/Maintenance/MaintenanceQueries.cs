using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Maintenance;

public static class MaintenanceQueries
{
    /// <summary>Logs of the units the caller may see, with what the response needs from the unit.</summary>
    public static IQueryable<VisibleLog> VisibleLogs(this ValmetalDbContext db, CurrentUser user) =>
        from log in db.MaintenanceLogs.AsNoTracking()
        join unit in db.Equipment.AsNoTracking().VisibleTo(user) on log.SerialNumber equals unit.SerialNumber
        select new VisibleLog { Log = log, EquipmentName = unit.DisplayName, FarmId = unit.FarmId, RunHours = unit.RunHours };

    public static Expression<Func<VisibleLog, MaintenanceLogResponse>> ToResponse(DateTimeOffset now, ValmetalDbContext db) =>
        v => new MaintenanceLogResponse(
            v.Log.Id, v.Log.SerialNumber, v.EquipmentName, v.FarmId, v.Log.PlanId, v.Log.Title, v.Log.Status.ToString(),
            v.Log.DueAt, v.Log.DueRunHours,
            v.Log.Status == MaintenanceStatus.Pending && ((v.Log.DueAt != null && v.Log.DueAt < now) || (v.Log.DueRunHours != null && v.RunHours >= v.Log.DueRunHours)),
            v.Log.CompletedAt,
            db.Users.Where(u => u.Sub == v.Log.PerformedBySub).Select(u => u.Email).FirstOrDefault(),
            v.Log.Notes, v.Log.Parts, v.Log.MinutesSpent, v.Log.CreatedAt);

    public static IQueryable<VisibleLog> Overdue(this IQueryable<VisibleLog> logs, DateTimeOffset now) =>
        logs.Where(v => v.Log.Status == MaintenanceStatus.Pending
            && ((v.Log.DueAt != null && v.Log.DueAt < now) || (v.Log.DueRunHours != null && v.RunHours >= v.Log.DueRunHours)));
}

/// <summary>A member-initialised shape (not a constructor) so EF can still filter and sort after projecting to it.</summary>
public sealed class VisibleLog
{
    public required MaintenanceLog Log { get; init; }
    public required string EquipmentName { get; init; }
    public required Guid FarmId { get; init; }
    public required double RunHours { get; init; }
}
