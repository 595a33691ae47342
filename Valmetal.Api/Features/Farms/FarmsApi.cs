using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Farms;

public sealed record FarmResponse(Guid Id, string Name, string Address, string TimeZone, int EquipmentCount);

public static class FarmsApi
{
    public static RouteGroupBuilder MapFarmsApi(this RouteGroupBuilder api)
    {
        var farms = api.MapGroup("farms").WithTags("Farms");
        farms.MapGet("/", ListFarms)
            .WithName("ListFarms")
            .WithSummary("Lists the farms the caller may see, with how much equipment each has.");
        farms.MapGet("/{farmId:guid}", GetFarm)
            .WithName("GetFarm")
            .WithSummary("Reads one farm.");
        return api;
    }

    public static async Task<Ok<List<FarmResponse>>> ListFarms(CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var farms = await db.Farms.AsNoTracking()
            .VisibleTo(user)
            .OrderBy(f => f.Name)
            .Select(f => new FarmResponse(f.Id, f.Name, f.Address, f.TimeZone, f.Equipment.Count))
            .ToListAsync(ct);
        return TypedResults.Ok(farms);
    }

    public static async Task<Results<Ok<FarmResponse>, NotFound>> GetFarm(Guid farmId, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var farm = await db.Farms.AsNoTracking()
            .VisibleTo(user)
            .Where(f => f.Id == farmId)
            .Select(f => new FarmResponse(f.Id, f.Name, f.Address, f.TimeZone, f.Equipment.Count))
            .FirstOrDefaultAsync(ct);
        return farm is null ? TypedResults.NotFound() : TypedResults.Ok(farm);
    }
}
