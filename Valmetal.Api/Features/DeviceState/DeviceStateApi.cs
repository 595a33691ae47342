using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.DeviceState;

public static class DeviceStateApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(DeviceStateApi));

    public static RouteGroupBuilder MapDeviceStateApi(this RouteGroupBuilder api)
    {
        var state = api.MapGroup(string.Empty).WithTags("Device state");
        state.MapGet("equipment/{serialNumber}/state", GetDeviceState)
            .WithName("GetDeviceState")
            .WithSummary("Reads one device's live state: latest values, reported configuration, online and last seen.");
        state.MapGet("fleet/state", GetFleetState)
            .WithName("GetFleetState")
            .WithSummary("Reads the live state of every device the caller may see, optionally of one farm.");
        return api;
    }

    public static async Task<Results<Ok<DeviceStateResponse>, NotFound, ProblemHttpResult>> GetDeviceState(
        string serialNumber, CurrentUser user, ValmetalDbContext db, AccessCache access, DeviceStateCache cache, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        // Which farm the unit is on is remembered for every caller; whether this caller sees that farm is decided here.
        var generation = await access.ForRequestAsync(http);
        var unit = await generation.GetOrLoadAsync(AccessGeneration.UnitKind, serialNumber, token => db.Equipment.AsNoTracking()
            .Where(e => e.SerialNumber == serialNumber)
            .Select(e => new RosterUnit(e.SerialNumber, e.FarmId, e.Model!.InactivityTimeoutSeconds))
            .FirstOrDefaultAsync(token), remember: found => found is not null, ct);
        if (unit is null || !user.CanSee(unit.FarmId))
        {
            return TypedResults.NotFound();
        }

        var timeout = unit.InactivityTimeoutSeconds;
        try
        {
            var snapshot = await cache.GetAsync(serialNumber, consistent: true, ct);
            // The ETag versions the desired configuration, which is what a write (PUT .../desired) may conflict on; the
            // cache holds the version DynamoDB checks (DeviceStateCache, "re-read on a version it has not seen").
            Concurrency.SetETag(http, (uint)(snapshot?.DesiredVersion ?? 0));
            return TypedResults.Ok(DeviceStateResponses.From(serialNumber, snapshot, TimeSpan.FromSeconds(timeout), time.GetUtcNow()));
        }
        catch (ResourceNotFoundException)
        {
            return StateStoreNotReady();
        }
    }

    public static async Task<Results<Ok<List<DeviceStateResponse>>, NotFound, ProblemHttpResult>> GetFleetState(
        CurrentUser user, ValmetalDbContext db, AccessCache access, DeviceStateCache cache, TimeProvider time, HttpContext http, CancellationToken ct, Guid? farmId = null)
    {
        if (farmId is { } filter && !user.CanSee(filter))
        {
            return TypedResults.NotFound();
        }

        // Remembered per set of farms read, as the query returned it (its order included): every farmer of a farm
        // shares one entry.
        var key = farmId is { } one ? one.ToString() : user.VisibleFarmIds is { } farms ? string.Join(',', farms.Order()) : "*";
        var generation = await access.ForRequestAsync(http);
        var equipment = await generation.GetOrLoadAsync(AccessGeneration.RosterKind, key, async token =>
        {
            var query = db.Equipment.AsNoTracking().VisibleTo(user);
            if (farmId is { } farm)
            {
                query = query.Where(e => e.FarmId == farm);
            }

            return (IReadOnlyList<RosterUnit>)await query.OrderBy(e => e.SerialNumber)
                .Select(e => new RosterUnit(e.SerialNumber, e.FarmId, e.Model!.InactivityTimeoutSeconds))
                .ToArrayAsync(token);
        }, remember: _ => true, ct);
        try
        {
            var snapshots = await cache.GetManyAsync(equipment.Select(e => e.SerialNumber).ToList(), consistent: false, ct);
            var now = time.GetUtcNow();
            return TypedResults.Ok(equipment
                .Select(e => DeviceStateResponses.From(e.SerialNumber, snapshots.GetValueOrDefault(e.SerialNumber),
                    TimeSpan.FromSeconds(e.InactivityTimeoutSeconds), now))
                .ToList());
        }
        catch (ResourceNotFoundException)
        {
            return StateStoreNotReady();
        }
    }

    /// <summary>What state needs of a unit from PostgreSQL: where it is and when it counts as offline.</summary>
    private sealed record RosterUnit(string SerialNumber, Guid FarmId, int InactivityTimeoutSeconds);

    private static ProblemHttpResult StateStoreNotReady() => TypedResults.Problem(
        title: Text["StoreNotReady"],
        detail: Text["StoreNotReadyDetail"],
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
