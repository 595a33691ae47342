using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Features.Equipment;
using Valmetal.Api.Features.Broker;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Alarms;

/// <summary>
/// Alarms are raised and cleared by the telemetry service; people list them and acknowledge them here. Everyone who
/// can see a farm may acknowledge its alarms: the person in the barn is often the first to act.
/// </summary>
public static class AlarmsApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(AlarmsApi));

    public static RouteGroupBuilder MapAlarmsApi(this RouteGroupBuilder api)
    {
        var alarms = api.MapGroup("alarms").WithTags("Alarms");
        alarms.MapGet("/", List).WithName("ListAlarms")
            .WithSummary("Alarms of the caller's farms, newest first: open ones by default, or one state, or the whole history.");
        alarms.MapGet("/summary", Summary).WithName("GetAlarmSummary").WithSummary("Counts of open alarms, for the badge on every page.");
        alarms.MapGet("/{alarmId:guid}", Get).WithName("GetAlarm").WithSummary("One alarm and its life so far.");
        alarms.MapPost("/{alarmId:guid}/acknowledge", Acknowledge).WithName("AcknowledgeAlarm")
            .WithSummary("Records who acknowledged an active alarm and when; it stays open until its condition ends.");
        return api;
    }

    public static async Task<Results<Ok<PagedList<AlarmResponse>>, ValidationProblem, NotFound>> List(
        CurrentUser user, ValmetalDbContext db, [AsParameters] PageRequest page, CancellationToken ct, string state = "open", Guid? farmId = null,
        string? serialNumber = null, string? severity = null)
    {
        var validation = new Validation().Optional("serialNumber", serialNumber, 64);
        if (!Enum.TryParse<AlarmFilter>(state, ignoreCase: true, out var filter) || !Enum.IsDefined(filter))
        {
            validation.Add("state", Text["StateUnknown"]);
        }

        if (severity is not null && !AlarmSeverity.IsValid(severity))
        {
            validation.MustBeOneOf("severity", AlarmSeverity.All);
        }

        page.Validate(validation);

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (farmId is { } farm && !user.CanSee(farm))
        {
            return TypedResults.NotFound();
        }

        var equipment = db.Equipment.AsNoTracking();
        equipment = farmId is { } onlyFarm ? equipment.Where(e => e.FarmId == onlyFarm) : equipment;
        equipment = serialNumber is not null ? equipment.Where(e => e.SerialNumber == serialNumber) : equipment;
        var alarms = db.Alarms.AsNoTracking();
        alarms = filter switch
        {
            AlarmFilter.Open => alarms.Where(a => a.State != AlarmState.Cleared),
            AlarmFilter.Active => alarms.Where(a => a.State == AlarmState.Active),
            AlarmFilter.Acknowledged => alarms.Where(a => a.State == AlarmState.Acknowledged),
            AlarmFilter.Cleared => alarms.Where(a => a.State == AlarmState.Cleared),
            _ => alarms,
        };
        alarms = severity is not null ? alarms.Where(a => a.Severity == severity) : alarms;
        var query = AlarmProjection.Visible(alarms, equipment, user);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.Alarm.RaisedAt).ThenBy(r => r.Alarm.Id).Page(page)
            .WithMetric(db.ModelMetrics.AsNoTracking()).Select(AlarmProjection.ToResponse(CultureInfo.CurrentUICulture)).ToListAsync(ct);
        return TypedResults.Ok(page.ListOf(items, total));
    }

    public static async Task<Ok<AlarmSummary>> Summary(CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var open = await AlarmProjection.Visible(db.Alarms.AsNoTracking().Where(a => a.State != AlarmState.Cleared), db.Equipment.AsNoTracking(), user)
            .Select(r => r.Alarm)
            .GroupBy(a => new { a.State, a.Severity })
            .Select(g => new { g.Key.State, g.Key.Severity, Count = g.Count() })
            .ToListAsync(ct);
        return TypedResults.Ok(new AlarmSummary(
            open.Where(o => o.State == AlarmState.Active).Sum(o => o.Count),
            open.Where(o => o.State == AlarmState.Acknowledged).Sum(o => o.Count),
            AlarmSeverity.All.ToDictionary(s => s, s => open.Where(o => o.Severity == s).Sum(o => o.Count))));
    }

    public static async Task<Results<Ok<AlarmResponse>, NotFound>> Get(Guid alarmId, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var alarm = await AlarmProjection.Visible(db.Alarms.AsNoTracking().Where(a => a.Id == alarmId), db.Equipment.AsNoTracking(), user)
            .WithMetric(db.ModelMetrics.AsNoTracking()).Select(AlarmProjection.ToResponse(CultureInfo.CurrentUICulture)).FirstOrDefaultAsync(ct);
        return alarm is null ? TypedResults.NotFound() : TypedResults.Ok(alarm);
    }

    public static async Task<Results<Ok<AlarmResponse>, NotFound, ProblemHttpResult>> Acknowledge(
        Guid alarmId, CurrentUser user, ValmetalDbContext db, DevicePublisher broker, TimeProvider time, CancellationToken ct)
    {
        var alarm = await AlarmProjection.Visible(db.Alarms.Where(a => a.Id == alarmId), db.Equipment, user).Select(r => r.Alarm).FirstOrDefaultAsync(ct);
        if (alarm is null)
        {
            return TypedResults.NotFound();
        }

        var by = await db.Users.Where(u => u.Sub == user.Sub).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? user.Sub;
        // The telemetry service may clear the alarm at the same moment, and the notifier writes its escalation step to
        // the same row: xmin makes one of us lose. A change that left the alarm active is no reason to refuse.
        // Not a resilience pipeline: nothing here is a fault to wait out, so there is no delay to give one; each round
        // re-reads the row and decides anew, and what it read (cleared, already acknowledged) is the answer, not a retry.
        for (var attempt = 1; ; attempt++)
        {
            if (alarm.State != AlarmState.Active)
            {
                return NotActive(alarm.State, alarm.AcknowledgedBy, alarm.AcknowledgedAt);
            }

            alarm.State = AlarmState.Acknowledged;
            alarm.AcknowledgedAt = time.GetUtcNow();
            alarm.AcknowledgedBy = by;
            if (await Concurrency.TrySaveAsync(db, ct))
            {
                break;
            }

            await db.Entry(alarm).ReloadAsync(ct);
            if (attempt == 3 && alarm.State == AlarmState.Active)
            {
                return Concurrency.Stale();
            }
        }

        var response = (await Get(alarmId, user, db, ct)).Result as Ok<AlarmResponse>;
        var acknowledged = response!.Value!;
        // Best effort: the acknowledgement is stored whether or not the open streams hear of it now, so no 503 here.
        await broker.TryPublishLiveAsync(new LiveUpdate(acknowledged.SerialNumber, acknowledged.FarmId, time.GetUtcNow(), null, null,
            new AlarmNotice(acknowledged.Id, acknowledged.Kind, acknowledged.Source, acknowledged.Severity, acknowledged.State,
                acknowledged.Message, acknowledged.RaisedAt)), ct);
        return response;
    }

    private static ProblemHttpResult NotActive(string state, string? by, DateTimeOffset? at) => TypedResults.Problem(
        title: Text["NotActive"],
        detail: state == AlarmState.Acknowledged ? Text["AlreadyAcknowledged", by ?? string.Empty, at!] : Text["AlreadyCleared"],
        statusCode: StatusCodes.Status409Conflict);
}
