using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Farms;

public static class FarmsApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(FarmsApi));

    public static RouteGroupBuilder MapFarmsApi(this RouteGroupBuilder api)
    {
        var farms = api.MapGroup("farms").WithTags("Farms");
        farms.MapGet("/", ListFarms).WithName("ListFarms")
            .WithSummary("Lists the farms the caller may see, with how much equipment each has.");
        farms.MapGet("/{farmId:guid}", GetFarm).WithName("GetFarm")
            .WithSummary("Reads one farm; the ETag header versions it.");
        farms.MapPost("/", CreateFarm).RequireAuthorization(Policies.Admin).WithName("CreateFarm")
            .WithSummary("Creates a farm (admins only).");
        farms.MapPut("/{farmId:guid}", UpdateFarm).WithName("UpdateFarm")
            .WithSummary("Updates a farm (admins, or farmers of that farm); needs If-Match.");
        farms.MapGet("/{farmId:guid}/barns", ListBarns).WithName("ListBarns")
            .WithSummary("Lists the barns and sites of a farm.");
        farms.MapPost("/{farmId:guid}/barns", CreateBarn).WithName("CreateBarn")
            .WithSummary("Adds a barn or site to a farm (admins, or farmers of that farm).");
        return api;
    }

    public static async Task<Ok<List<FarmResponse>>> ListFarms(CurrentUser user, ValmetalDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Farms.AsNoTracking().VisibleTo(user).OrderBy(f => f.Name)
            .Select(f => new FarmResponse(f.Id, f.Name, f.Address, f.TimeZone, f.Equipment.Count))
            .ToListAsync(ct));

    public static async Task<Results<Ok<FarmResponse>, NotFound>> GetFarm(
        Guid farmId, CurrentUser user, ValmetalDbContext db, HttpContext http, CancellationToken ct)
    {
        var farm = await db.Farms.AsNoTracking().VisibleTo(user).Where(f => f.Id == farmId)
            .Select(f => new { f.Version, Response = new FarmResponse(f.Id, f.Name, f.Address, f.TimeZone, f.Equipment.Count) })
            .FirstOrDefaultAsync(ct);
        if (farm is null)
        {
            return TypedResults.NotFound();
        }

        Concurrency.SetETag(http, farm.Version);
        return TypedResults.Ok(farm.Response);
    }

    public static async Task<Results<Created<FarmResponse>, ValidationProblem>> CreateFarm(
        FarmRequest request, ValmetalDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var farm = new Farm { Id = Guid.CreateVersion7(), Name = request.Name.Trim(), Address = request.Address.Trim(), TimeZone = request.TimeZone };
        db.Farms.Add(farm);
        await db.SaveChangesAsync(ct);
        Concurrency.SetETag(http, farm.Version);
        return TypedResults.Created($"/api/farms/{farm.Id}", new FarmResponse(farm.Id, farm.Name, farm.Address, farm.TimeZone, 0));
    }

    public static async Task<Results<Ok<FarmResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateFarm(
        Guid farmId, FarmRequest request, CurrentUser user, ValmetalDbContext db, HttpContext http, CancellationToken ct)
    {
        var farm = await db.Farms.VisibleTo(user).FirstOrDefaultAsync(f => f.Id == farmId, ct);
        if (farm is null)
        {
            return TypedResults.NotFound();
        }

        if (!CanManage(user))
        {
            return ForbiddenForTechnicians();
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

        db.Entry(farm).Property(f => f.Version).OriginalValue = version;
        farm.Name = request.Name.Trim();
        farm.Address = request.Address.Trim();
        farm.TimeZone = request.TimeZone;
        if (!await Concurrency.TrySaveAsync(db, ct))
        {
            return Concurrency.Stale();
        }

        Concurrency.SetETag(http, farm.Version);
        var count = await db.Equipment.CountAsync(e => e.FarmId == farmId, ct);
        return TypedResults.Ok(new FarmResponse(farm.Id, farm.Name, farm.Address, farm.TimeZone, count));
    }

    public static async Task<Results<Ok<List<BarnResponse>>, NotFound>> ListBarns(
        Guid farmId, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        if (!await db.Farms.VisibleTo(user).AnyAsync(f => f.Id == farmId, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Barns.AsNoTracking().Where(b => b.FarmId == farmId).OrderBy(b => b.Name)
            .Select(b => new BarnResponse(b.Id, b.FarmId, b.Name, b.Notes)).ToListAsync(ct));
    }

    public static async Task<Results<Created<BarnResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CreateBarn(
        Guid farmId, BarnRequest request, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        if (!await db.Farms.VisibleTo(user).AnyAsync(f => f.Id == farmId, ct))
        {
            return TypedResults.NotFound();
        }

        if (!CanManage(user))
        {
            return ForbiddenForTechnicians();
        }

        var validation = request.Validate();
        if (validation.IsValid && await db.Barns.AnyAsync(b => b.FarmId == farmId && b.Name == request.Name.Trim(), ct))
        {
            validation.Add("name", Text["BarnNameTaken"]);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var barn = new Barn { Id = Guid.CreateVersion7(), FarmId = farmId, Name = request.Name.Trim(), Notes = request.Notes?.Trim() };
        db.Barns.Add(barn);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/farms/{farmId}/barns/{barn.Id}", new BarnResponse(barn.Id, farmId, barn.Name, barn.Notes));
    }

    /// <summary>Farms are managed by admins and by the farmers they belong to; technicians only service them.</summary>
    private static bool CanManage(CurrentUser user) => user.Role is Role.Admin or Role.Farmer;

    private static ProblemHttpResult ForbiddenForTechnicians() => TypedResults.Problem(
        title: Text["TechniciansDoNotManage"], detail: Text["TechniciansDoNotManageDetail"],
        statusCode: StatusCodes.Status403Forbidden);
}
