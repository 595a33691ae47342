using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Identity;

namespace Valmetal.Api.Features.Notifications;

/// <summary>What admins see and set: the notification log, and each farm's escalation delay and contacts.</summary>
public static class NotificationAdminApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(NotificationAdminApi));

    public const int MinEscalationMinutes = 1;
    public const int MaxEscalationMinutes = 24 * 60;
    public const int MaxContacts = 20;

    public static RouteGroupBuilder MapNotificationAdminApi(this RouteGroupBuilder api)
    {
        api.MapGet("notifications", Log).RequireAuthorization(Policies.Admin).WithTags("Notifications").WithName("ListNotifications")
            .WithSummary("What was sent, to whom, on which channel, and whether it was delivered (admins only), newest first.");
        var escalation = api.MapGroup("farms/{farmId:guid}/escalation").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        escalation.MapGet("/", GetEscalation).WithName("GetEscalation").WithSummary("A farm's escalation delay and contacts in order (admins only).");
        escalation.MapPut("/", PutEscalation).WithName("SetEscalation")
            .WithSummary("Sets a farm's escalation delay and its contacts in order: technicians assigned to the farm (admins only).");
        return api;
    }

    public static async Task<Results<Ok<PagedList<NotificationLogEntry>>, ValidationProblem>> Log(
        ValmetalDbContext db, [AsParameters] PageRequest page, CancellationToken ct, string? status = null, string? channel = null)
    {
        var validation = new Validation();
        page.Validate(validation);
        if (status is not null && !NotificationStatus.All.Contains(status))
        {
            validation.MustBeOneOf("status", NotificationStatus.All);
        }

        if (channel is not null && !NotificationChannel.All.Contains(channel))
        {
            validation.MustBeOneOf("channel", NotificationChannel.All);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var log = db.Notifications.AsNoTracking();
        log = status is not null ? log.Where(n => n.Status == status) : log;
        log = channel is not null ? log.Where(n => n.Channel == channel) : log;
        var total = await log.CountAsync(ct);
        var items = await (
            from n in log
            join u in db.Users on n.UserSub equals u.Sub into recipients
            from u in recipients.DefaultIfEmpty()
            join f in db.Farms on n.FarmId equals f.Id into farmsOfMessage
            from f in farmsOfMessage.DefaultIfEmpty()
            orderby n.CreatedAt descending, n.Id
            select new NotificationLogEntry(
                n.Id, n.CreatedAt, n.Kind, n.Channel,
                // A push endpoint is a long opaque URL: the log names the person instead.
                u != null ? u.Email : n.Address,
                f != null ? f.Name : null, n.Subject, n.Status, n.Attempts, n.Count, n.SentAt, n.LastError))
            .Page(page)
            .ToListAsync(ct);
        return TypedResults.Ok(page.ListOf(items, total));
    }

    public static async Task<Results<Ok<EscalationSettings>, NotFound>> GetEscalation(Guid farmId, ValmetalDbContext db, CancellationToken ct)
    {
        var farm = await db.Farms.AsNoTracking().Where(f => f.Id == farmId).Select(f => new { f.EscalationMinutes }).FirstOrDefaultAsync(ct);
        if (farm is null)
        {
            return TypedResults.NotFound();
        }

        var contacts = await db.EscalationContacts.AsNoTracking().Where(c => c.FarmId == farmId).OrderBy(c => c.Position).Select(c => c.UserSub).ToListAsync(ct);
        return TypedResults.Ok(new EscalationSettings(farm.EscalationMinutes, contacts));
    }

    public static async Task<Results<Ok<EscalationSettings>, ValidationProblem, NotFound>> PutEscalation(
        Guid farmId, EscalationSettings request, ValmetalDbContext db, CancellationToken ct)
    {
        var farm = await db.Farms.FirstOrDefaultAsync(f => f.Id == farmId, ct);
        if (farm is null)
        {
            return TypedResults.NotFound();
        }

        var contacts = request.Contacts ?? [];
        var validation = new Validation().Range("escalationMinutes", request.EscalationMinutes, MinEscalationMinutes, MaxEscalationMinutes);
        if (contacts.Count > MaxContacts || contacts.Distinct(StringComparer.Ordinal).Count() != contacts.Count)
        {
            validation.Add("contacts", Text["TooManyContacts", MaxContacts]);
        }

        var technicians = await (
            from m in db.FarmMemberships
            join u in db.Users on m.UserSub equals u.Sub
            where m.FarmId == farmId && u.Role == CognitoGroups.Technicians && !u.Disabled
            select u.Sub).ToListAsync(ct);
        if (contacts.Any(c => !technicians.Contains(c)))
        {
            validation.Add("contacts", Text["ContactsNotTechnicians"]);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        farm.EscalationMinutes = request.EscalationMinutes;
        await db.EscalationContacts.Where(c => c.FarmId == farmId).ExecuteDeleteAsync(ct);
        db.EscalationContacts.AddRange(contacts.Select((sub, position) => new EscalationContact { FarmId = farmId, Position = position, UserSub = sub }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EscalationSettings(farm.EscalationMinutes, contacts));
    }
}
