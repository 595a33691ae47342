using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;

namespace Valmetal.Api.Features.Notifications;

/// <summary>
/// A user's own notification settings: phone and language, and per farm they see, the channels, the least severe alarm
/// told and quiet hours; a test message on every channel; and this browser's push subscription.
/// </summary>
public static class NotificationSettingsApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(NotificationSettingsApi));

    public static RouteGroupBuilder MapNotificationSettingsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("me/notifications").WithTags("Notifications");
        me.MapGet("/", Get).WithName("GetNotificationSettings").WithSummary("The caller's phone, language and choices per farm.");
        me.MapPut("/", Put).WithName("SetNotificationSettings").WithSummary("Replaces the caller's phone, language and choices per farm.");
        me.MapPost("/test", Test).WithName("SendTestNotification").RequireRateLimiting(ApiRateLimits.TestNotificationPolicy)
            .WithSummary("Sends the caller a test message on every channel they have (e-mail, each subscribed browser, SMS).");
        me.MapPut("/push", Subscribe).WithName("SubscribePush")
            .WithSummary("Registers this browser's push subscription for the caller; a subscription another user held is taken over.");
        me.MapDelete("/push", Unsubscribe).WithName("UnsubscribePush").WithSummary("Removes this browser's push subscription (at sign-out).");
        return api;
    }

    public static async Task<Ok<NotificationSettingsResponse>> Get(CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.Sub == user.Sub).Select(u => new { u.Phone, u.Language }).FirstOrDefaultAsync(ct);
        var choices = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserSub == user.Sub).ToDictionaryAsync(p => p.FarmId, ct);
        var farms = await db.Farms.AsNoTracking().VisibleTo(user).OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync(ct);
        // Admins see every farm but belong to none: they choose nothing per farm (escalation's support contact covers them).
        var rows = user.IsAdmin ? [] : farms.Select(f => choices.TryGetValue(f.Id, out var p)
            ? new FarmNotificationSettings(f.Id, f.Name, p.Email, p.Push, p.Sms, p.MinimumSeverity, p.QuietFrom, p.QuietUntil)
            : new FarmNotificationSettings(f.Id, f.Name, true, true, false, NotificationDefaults.MinimumSeverity, null, null)).ToList();
        return TypedResults.Ok(new NotificationSettingsResponse(stored?.Phone, stored?.Language, rows));
    }

    public static async Task<Results<Ok<NotificationSettingsResponse>, ValidationProblem, NotFound>> Put(
        NotificationSettingsRequest request, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        var farms = request.Farms ?? [];
        var validation = request.Validate();
        if (user.IsAdmin && farms.Count > 0)
        {
            validation.Add("farms", Text["AdminsChooseNoFarms"]);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (farms.Any(f => !user.CanSee(f.FarmId)))
        {
            return TypedResults.NotFound();
        }

        var stored = await db.Users.FirstOrDefaultAsync(u => u.Sub == user.Sub, ct);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }

        stored.Phone = request.Phone;
        stored.Language = request.Language;
        await db.NotificationPreferences.Where(p => p.UserSub == user.Sub).ExecuteDeleteAsync(ct);
        db.NotificationPreferences.AddRange(farms.Select(f => new NotificationPreference
        {
            UserSub = user.Sub, FarmId = f.FarmId, Email = f.Email, Push = f.Push, Sms = f.Sms, MinimumSeverity = f.MinimumSeverity,
            QuietFrom = f.QuietFrom, QuietUntil = f.QuietUntil,
        }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await Get(user, db, ct)).Value!);
    }

    public static async Task<Accepted> Test(CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        db.AlarmEvents.Add(new AlarmEvent { UserSub = user.Sub, Kind = AlarmEventKind.Test, Severity = AlarmSeverity.Warning });
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> Subscribe(
        PushSubscriptionRequest request, CurrentUser user, ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        // One user per endpoint: the browser is whoever signed in on it last.
        await db.PushSubscriptions.Where(s => s.Endpoint == request.Endpoint).ExecuteDeleteAsync(ct);
        db.PushSubscriptions.Add(new PushSubscription
        {
            Endpoint = request.Endpoint, UserSub = user.Sub, P256dh = request.Keys.P256dh, Auth = request.Keys.Auth, CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Unsubscribe(string endpoint, CurrentUser user, ValmetalDbContext db, CancellationToken ct)
    {
        await db.PushSubscriptions.Where(s => s.Endpoint == endpoint && s.UserSub == user.Sub).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }
}
