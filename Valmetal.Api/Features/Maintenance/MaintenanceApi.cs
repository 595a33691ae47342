using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Maintenance;

public static class MaintenanceApi
{
    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("models/{modelCode}/maintenance-plans").WithTags("Maintenance");
        plans.MapGet("/", ListPlans).WithName("ListMaintenancePlans").WithSummary("Lists a model's maintenance plans.");
        plans.MapPost("/", CreatePlan).RequireAuthorization(Policies.Admin).WithName("CreateMaintenancePlan")
            .WithSummary("Adds a maintenance plan to a model and schedules it on every unit (admins only).");

        var logs = api.MapGroup("maintenance").WithTags("Maintenance");
        logs.MapGet("/", ListLogs).WithName("ListMaintenance")
            .WithSummary("Maintenance tasks and logs of the caller's equipment; filter by farm, status, or overdue only.");
        logs.MapGet("/{logId:guid}", GetLog).WithName("GetMaintenanceLog").WithSummary("Reads one task or log; the ETag header versions it.");
        logs.MapPut("/{logId:guid}", UpdateLog).WithName("UpdateMaintenanceLog")
            .WithSummary("Records progress on a task (done, abandoned, notes, parts, time); needs If-Match.");

        var unitLogs = api.MapGroup("equipment/{serialNumber}/maintenance").WithTags("Maintenance");
        unitLogs.MapGet("/", ListUnitLogs).WithName("ListEquipmentMaintenance").WithSummary("Maintenance history and due tasks of one unit.");
        unitLogs.MapPost("/", LogWork).WithName("LogMaintenance").WithSummary("Logs maintenance work on one unit.");
        return api;
    }

    public static async Task<Results<Ok<List<MaintenancePlanResponse>>, NotFound>> ListPlans(string modelCode, ValmetalDbContext db, CancellationToken ct)
    {
        if (!await db.EquipmentModels.AnyAsync(m => m.Code == modelCode, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.MaintenancePlans.AsNoTracking().Where(p => p.ModelCode == modelCode).OrderBy(p => p.Name)
            .Select(p => new MaintenancePlanResponse(p.Id, p.ModelCode, p.Name, p.Description, p.IntervalRunHours, p.IntervalDays)).ToListAsync(ct));
    }

    public static async Task<Results<Created<MaintenancePlanResponse>, NotFound, ValidationProblem>> CreatePlan(
        string modelCode, MaintenancePlanRequest request, ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.EquipmentModels.AnyAsync(m => m.Code == modelCode, ct))
        {
            return TypedResults.NotFound();
        }

        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var plan = new MaintenancePlan
        {
            Id = Guid.CreateVersion7(), ModelCode = modelCode, Name = request.Name.Trim(), Description = request.Description?.Trim(),
            IntervalRunHours = request.IntervalRunHours, IntervalDays = request.IntervalDays,
        };
        db.MaintenancePlans.Add(plan);
        await db.SaveChangesAsync(ct);
        var units = await db.Equipment.Where(e => e.ModelCode == modelCode).Select(e => e.SerialNumber).ToListAsync(ct);
        await MaintenanceScheduler.EnsureDueTasksAsync(db, time, units, ct);
        return TypedResults.Created($"/api/models/{modelCode}/maintenance-plans/{plan.Id}",
            new MaintenancePlanResponse(plan.Id, modelCode, plan.Name, plan.Description, plan.IntervalRunHours, plan.IntervalDays));
    }

    public static async Task<Results<Ok<PagedList<MaintenanceLogResponse>>, ValidationProblem, NotFound>> ListLogs(
        CurrentUser user, ValmetalDbContext db, TimeProvider time, [AsParameters] PageRequest page, CancellationToken ct,
        Guid? farmId = null, MaintenanceStatus? status = null, bool overdueOnly = false)
    {
        var validation = page.Validate(new Validation());

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (farmId is { } filter && !user.CanSee(filter))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var query = db.VisibleLogs(user);
        query = farmId is { } farm ? query.Where(v => v.FarmId == farm) : query;
        query = status is { } wanted ? query.Where(v => v.Log.Status == wanted) : query;
        query = overdueOnly ? query.Overdue(now) : query;
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderBy(v => v.Log.Status == MaintenanceStatus.Pending ? 0 : 1)
            .ThenBy(v => v.Log.DueAt ?? v.Log.CompletedAt)
            .ThenBy(v => v.Log.Id)
            .Page(page)
            .Select(MaintenanceQueries.ToResponse(now, db))
            .ToListAsync(ct);
        return TypedResults.Ok(page.ListOf(items, total));
    }

    public static async Task<Results<Ok<List<MaintenanceLogResponse>>, NotFound>> ListUnitLogs(
        string serialNumber, CurrentUser user, ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Equipment.VisibleTo(user).AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.VisibleLogs(user).Where(v => v.Log.SerialNumber == serialNumber)
            .OrderByDescending(v => v.Log.CreatedAt).Take(500)
            .Select(MaintenanceQueries.ToResponse(time.GetUtcNow(), db)).ToListAsync(ct));
    }

    public static async Task<Results<Ok<MaintenanceLogResponse>, NotFound>> GetLog(
        Guid logId, CurrentUser user, ValmetalDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var version = await db.VisibleLogs(user).Where(v => v.Log.Id == logId).Select(v => (uint?)v.Log.Version).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return TypedResults.NotFound();
        }

        Concurrency.SetETag(http, version.Value);
        return TypedResults.Ok(await db.VisibleLogs(user).Where(v => v.Log.Id == logId)
            .Select(MaintenanceQueries.ToResponse(time.GetUtcNow(), db)).FirstAsync(ct));
    }

    public static async Task<Results<Created<MaintenanceLogResponse>, NotFound, ValidationProblem>> LogWork(
        string serialNumber, LogMaintenanceRequest request, CurrentUser user, ValmetalDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var unit = await db.FindVisibleAsync(user, serialNumber, ct);
        if (unit is null)
        {
            return TypedResults.NotFound();
        }

        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = time.GetUtcNow();
        var log = new MaintenanceLog
        {
            Id = Guid.CreateVersion7(),
            SerialNumber = serialNumber,
            Title = request.Title.Trim(),
            Status = request.Status,
            DueAt = request.DueAt,
            Notes = request.Notes?.Trim(),
            Parts = request.Parts?.Trim(),
            MinutesSpent = request.MinutesSpent,
            CreatedAt = now,
        };
        Complete(log, user, unit.RunHours, now);
        db.MaintenanceLogs.Add(log);
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, log.Version);
        var response = await db.VisibleLogs(user).Where(v => v.Log.Id == log.Id).Select(MaintenanceQueries.ToResponse(now, db)).FirstAsync(ct);
        return TypedResults.Created($"/api/maintenance/{log.Id}", response);
    }

    public static async Task<Results<Ok<MaintenanceLogResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateLog(
        Guid logId, UpdateMaintenanceRequest request, CurrentUser user, ValmetalDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var visible = await db.VisibleLogs(user).Where(v => v.Log.Id == logId).Select(v => new { v.RunHours }).FirstOrDefaultAsync(ct);
        if (visible is null)
        {
            return TypedResults.NotFound();
        }

        if (!Concurrency.TryReadIfMatch(http, out var version, out var precondition))
        {
            return precondition!;
        }

        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var log = await db.MaintenanceLogs.FirstAsync(l => l.Id == logId, ct);
        db.Entry(log).Property(l => l.Version).OriginalValue = version;
        var now = time.GetUtcNow();
        var wasPending = log.Status == MaintenanceStatus.Pending;
        log.Status = request.Status;
        log.Notes = request.Notes?.Trim();
        log.Parts = request.Parts?.Trim();
        log.MinutesSpent = request.MinutesSpent;
        if (wasPending)
        {
            Complete(log, user, visible.RunHours, now);
        }

        if (!await Concurrency.TrySaveAsync(db, ct))
        {
            return Concurrency.Stale();
        }

        if (wasPending && log.Status != MaintenanceStatus.Pending && log.PlanId is not null)
        {
            await MaintenanceScheduler.EnsureDueTasksAsync(db, time, [log.SerialNumber], ct);
        }

        Concurrency.SetETag(http, log.Version);
        return TypedResults.Ok(await db.VisibleLogs(user).Where(v => v.Log.Id == logId).Select(MaintenanceQueries.ToResponse(now, db)).FirstAsync(ct));
    }

    private static void Complete(MaintenanceLog log, CurrentUser user, double runHours, DateTimeOffset now)
    {
        if (log.Status == MaintenanceStatus.Pending)
        {
            return;
        }

        log.CompletedAt = now;
        log.CompletedAtRunHours = runHours;
        log.PerformedBySub = user.Sub;
    }
}
