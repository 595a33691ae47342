using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Equipment;

public static class EquipmentApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(EquipmentApi));

    public const int MaxSearchLength = 100;

    public static RouteGroupBuilder MapEquipmentApi(this RouteGroupBuilder api)
    {
        var equipment = api.MapGroup("equipment").WithTags("Equipment");
        equipment.MapGet("/", ListEquipment)
            .WithName("ListEquipment")
            .WithSummary("Searches, filters, sorts and pages the equipment the caller may see.")
            .WithDescription("search matches serial number or name; sort is one of serialNumber, displayName, installedOn, runHours, farm, model, status, with '-' for descending.");
        equipment.MapGet("/{serialNumber}", GetEquipment)
            .WithName("GetEquipment")
            .WithSummary("Reads one piece of equipment with its model's metric catalogue; the ETag header versions it.");
        equipment.MapPost("/", RegisterEquipment).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Admin)
            .WithName("RegisterEquipment")
            .WithSummary("Registers equipment on a farm (admins only). Its serial number is its device identity.");
        equipment.MapPut("/{serialNumber}", UpdateEquipment)
            .WithName("UpdateEquipment")
            .WithSummary("Updates equipment; needs If-Match with the ETag read. Only admins may move it to another farm.");
        equipment.MapGet("/{serialNumber}/audit", GetAudit)
            .WithName("GetEquipmentAudit")
            .WithSummary("Who changed what on this equipment, newest first; farm users see it from the unit's arrival on their farm.");
        return api;
    }

    public static async Task<Results<Ok<PagedList<EquipmentSummary>>, ValidationProblem, NotFound>> ListEquipment(
        CurrentUser user, ValmetalDbContext db, [AsParameters] PageRequest page, CancellationToken ct, Guid? farmId = null, Guid? barnId = null, string? modelCode = null,
        EquipmentStatus? status = null, string? search = null, string sort = "serialNumber")
    {
        var validation = new Validation().Optional("search", search, MaxSearchLength).Optional("modelCode", modelCode, 32);
        page.Validate(validation);

        if (!EquipmentQueries.SortFields.ContainsKey(sort.TrimStart('-')))
        {
            validation.Add("sort", Text["SortUnknown", string.Join(", ", EquipmentQueries.SortFields.Keys)]);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (farmId is { } filter && !user.CanSee(filter))
        {
            return TypedResults.NotFound();
        }

        var query = db.Equipment.AsNoTracking().VisibleTo(user);
        query = farmId is { } farm ? query.Where(e => e.FarmId == farm) : query;
        query = barnId is { } barn ? query.Where(e => e.BarnId == barn) : query;
        query = modelCode is not null ? query.Where(e => e.ModelCode == modelCode) : query;
        query = status is { } wanted ? query.Where(e => e.Status == wanted) : query;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(e => EF.Functions.ILike(e.SerialNumber, pattern) || EF.Functions.ILike(e.DisplayName, pattern));
        }

        var total = await query.CountAsync(ct);
        var items = await query.SortBy(sort)
            .Page(page)
            .Select(EquipmentQueries.ToSummary)
            .ToListAsync(ct);
        return TypedResults.Ok(page.ListOf(items, total));
    }

    public static async Task<Results<Ok<EquipmentDetail>, NotFound>> GetEquipment(
        string serialNumber, CurrentUser user, ValmetalDbContext db, HttpContext http, CancellationToken ct)
    {
        var found = await db.Equipment.AsNoTracking().VisibleTo(user)
            .Where(e => e.SerialNumber == serialNumber)
            .Select(e => new
            {
                e.Version,
                e.Model!.InactivityTimeoutSeconds,
                // Spelled out, not MetricResponses.Of: EF translates this projection into SQL.
                Metrics = e.Model.Metrics.OrderBy(m => m.Key)
                    .Select(m => new MetricResponse(m.Key, m.DisplayName, m.Unit, m.MinValid, m.MaxValid, m.WarningAbove, m.CriticalAbove,
                        m.AlarmDelaySeconds, m.DisplayNameFr, m.UnitFr))
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        var summary = await db.Equipment.AsNoTracking().Where(e => e.SerialNumber == serialNumber).Select(EquipmentQueries.ToSummary).FirstAsync(ct);
        Concurrency.SetETag(http, found.Version);
        return TypedResults.Ok(new EquipmentDetail(summary, found.InactivityTimeoutSeconds, found.Metrics));
    }

    public static async Task<Results<Created<EquipmentSummary>, ValidationProblem, ProblemHttpResult>> RegisterEquipment(
        RegisterEquipmentRequest request, CurrentUser user, ValmetalDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var validation = request.Validate();
        if (validation.IsValid)
        {
            await CheckReferencesAsync(db, validation, request.FarmId, request.BarnId, request.ModelCode, ct);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (await db.Equipment.AnyAsync(e => e.SerialNumber == request.SerialNumber, ct))
        {
            return TypedResults.Problem(title: Text["SerialNumberTaken"], detail: Text["SerialNumberTakenDetail", request.SerialNumber], statusCode: StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow();
        var equipment = new Data.Entities.Equipment
        {
            SerialNumber = request.SerialNumber,
            DisplayName = request.DisplayName.Trim(),
            ModelCode = request.ModelCode,
            FarmId = request.FarmId,
            FarmSince = now,
            BarnId = request.BarnId,
            InstalledOn = request.InstalledOn,
            Firmware = request.Firmware.Trim(),
        };
        db.Equipment.Add(equipment);
        db.Audit.Add(new EquipmentAudit(equipment.SerialNumber, user.Sub, "registered", now)
            .Field("farmId", (Guid?)null, (Guid?)equipment.FarmId)
            .Field("modelCode", (string?)null, equipment.ModelCode)
            .ToEntry());
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, equipment.Version);
        var summary = await db.Equipment.AsNoTracking().Where(e => e.SerialNumber == equipment.SerialNumber).Select(EquipmentQueries.ToSummary).FirstAsync(ct);
        return TypedResults.Created($"/api/equipment/{equipment.SerialNumber}", summary);
    }

    public static async Task<Results<Ok<EquipmentSummary>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateEquipment(
        string serialNumber, UpdateEquipmentRequest request, CurrentUser user, ValmetalDbContext db, IDeviceRegistry registry, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        var equipment = await db.FindVisibleAsync(user, serialNumber, ct);
        if (equipment is null)
        {
            return TypedResults.NotFound();
        }

        if (request.FarmId != equipment.FarmId && !user.IsAdmin)
        {
            return TypedResults.Problem(title: Text["OnlyAdminsMove"], detail: Text["OnlyAdminsMoveDetail"],
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!Concurrency.TryReadIfMatch(http, out var version, out var precondition))
        {
            return precondition!;
        }

        var validation = request.Validate();
        if (validation.IsValid)
        {
            await CheckReferencesAsync(db, validation, request.FarmId, request.BarnId, modelCode: null, ct);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = time.GetUtcNow();
        var audit = new EquipmentAudit(serialNumber, user.Sub, "updated", now)
            .Field("displayName", equipment.DisplayName, request.DisplayName.Trim())
            .Field("farmId", equipment.FarmId, request.FarmId)
            .Field("barnId", equipment.BarnId, request.BarnId)
            .Field("firmware", equipment.Firmware, request.Firmware.Trim())
            .Field("status", equipment.Status.ToString(), request.Status.ToString())
            .Field("runHours", equipment.RunHours, request.RunHours)
            .Field("installedOn", equipment.InstalledOn, request.InstalledOn);
        db.Entry(equipment).Property(e => e.Version).OriginalValue = version;
        if (request.Status == EquipmentStatus.Retired && equipment.Status != EquipmentStatus.Retired)
        {
            await DeviceIdentityApi.DeregisterAsync(serialNumber, user, db, registry, time, ct);
        }

        if (request.FarmId != equipment.FarmId)
        {
            // Saved with the audit entry of the move, which is therefore the first entry the new farm sees.
            await EquipmentTenure.MoveAsync(db, equipment, request.FarmId, now, ct);
        }

        equipment.DisplayName = request.DisplayName.Trim();
        equipment.BarnId = request.BarnId;
        equipment.Firmware = request.Firmware.Trim();
        equipment.Status = request.Status;
        equipment.RunHours = request.RunHours;
        equipment.InstalledOn = request.InstalledOn;
        if (audit.HasChanges)
        {
            db.Audit.Add(audit.ToEntry());
        }

        if (!await Concurrency.TrySaveAsync(db, ct))
        {
            return Concurrency.Stale();
        }

        Concurrency.SetETag(http, equipment.Version);
        return TypedResults.Ok(await db.Equipment.AsNoTracking().Where(e => e.SerialNumber == serialNumber).Select(EquipmentQueries.ToSummary).FirstAsync(ct));
    }

    public static async Task<Results<Ok<List<AuditEntryResponse>>, NotFound>> GetAudit(
        string serialNumber, CurrentUser user, ValmetalDbContext db, CancellationToken ct, int limit = 100)
    {
        if (!await db.Equipment.VisibleTo(user).AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        var entries = await db.Audit.AsNoTracking()
            .Where(a => a.SerialNumber == serialNumber)
            .InTenure(db.Equipment, user, a => a.SerialNumber, a => a.At)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(a => new { a.At, a.ActorSub, Email = db.Users.Where(u => u.Sub == a.ActorSub).Select(u => u.Email).FirstOrDefault(), a.Action, a.Changes })
            .ToListAsync(ct);
        return TypedResults.Ok(entries
            .Select(a => new AuditEntryResponse(a.At, a.ActorSub, a.Email, a.Action, (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(a.Changes)!))
            .ToList());
    }

    private static async Task CheckReferencesAsync(ValmetalDbContext db, Validation validation, Guid farmId, Guid? barnId, string? modelCode, CancellationToken ct)
    {
        if (!await db.Farms.AnyAsync(f => f.Id == farmId, ct))
        {
            validation.Add("farmId", Text["NoSuchFarm"]);
        }

        if (barnId is { } barn && !await db.Barns.AnyAsync(b => b.Id == barn && b.FarmId == farmId, ct))
        {
            validation.Add("barnId", Text["NoSuchBarn"]);
        }

        if (modelCode is not null && !await db.EquipmentModels.AnyAsync(m => m.Code == modelCode, ct))
        {
            validation.Add("modelCode", Text["NoSuchModel"]);
        }
    }
}
