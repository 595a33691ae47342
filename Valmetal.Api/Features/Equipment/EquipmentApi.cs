using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Equipment;

public static class EquipmentApi
{
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 100;

    public static RouteGroupBuilder MapEquipmentApi(this RouteGroupBuilder api)
    {
        var equipment = api.MapGroup("equipment").WithTags("Equipment");
        equipment.MapGet("/", ListEquipment)
            .WithName("ListEquipment")
            .WithSummary("Lists equipment, optionally of one farm or matching a search on serial number or name.");
        equipment.MapGet("/{serialNumber}", GetEquipment)
            .WithName("GetEquipment")
            .WithSummary("Reads one piece of equipment with its model's metric catalogue.");
        return api;
    }

    public static async Task<Results<Ok<PagedList<EquipmentSummary>>, ValidationProblem>> ListEquipment(
        CurrentUser user, ValmetalDbContext db, CancellationToken ct, Guid? farmId = null, string? search = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        }

        if (search is { Length: > MaxSearchLength })
        {
            errors["search"] = [$"must be at most {MaxSearchLength} characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Equipment.AsNoTracking().VisibleTo(user);
        if (farmId is { } farm)
        {
            query = query.Where(e => e.FarmId == farm);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(e => EF.Functions.ILike(e.SerialNumber, pattern) || EF.Functions.ILike(e.DisplayName, pattern));
        }

        var total = await query.CountAsync(ct);
        var items = await query
            .OrderBy(e => e.Farm!.Name).ThenBy(e => e.SerialNumber)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(ToSummary)
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<EquipmentSummary>(items, page, pageSize, total));
    }

    public static async Task<Results<Ok<EquipmentDetail>, NotFound>> GetEquipment(string serialNumber, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var found = await db.Equipment.AsNoTracking().VisibleTo(user)
            .Where(e => e.SerialNumber == serialNumber)
            .Select(e => new
            {
                Summary = new EquipmentSummary(e.SerialNumber, e.DisplayName, e.ModelCode, e.Model!.Name, e.Model.Kind.ToString(),
                    e.FarmId, e.Farm!.Name, e.InstalledOn, e.Firmware),
                e.Model.InactivityTimeoutSeconds,
                Metrics = e.Model.Metrics.OrderBy(m => m.Key)
                    .Select(m => new MetricResponse(m.Key, m.DisplayName, m.Unit, m.MinValid, m.MaxValid, m.WarningAbove, m.CriticalAbove))
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new EquipmentDetail(found.Summary, found.InactivityTimeoutSeconds, found.Metrics));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Data.Entities.Equipment, EquipmentSummary>> ToSummary =
        e => new EquipmentSummary(e.SerialNumber, e.DisplayName, e.ModelCode, e.Model!.Name, e.Model.Kind.ToString(),
            e.FarmId, e.Farm!.Name, e.InstalledOn, e.Firmware);
}
