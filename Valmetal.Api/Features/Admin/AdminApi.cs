using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Rejections;
using Valmetal.DeviceContract.Schema;

namespace Valmetal.Api.Features.Admin;

/// <summary>What operators of the whole platform look at: refused device messages and the pipeline's health.</summary>
public static class AdminApi
{
    /// <summary>Replicas report every 5 s (Valmetal.Telemetry/Pipeline/ReplicaStatsReporter.cs); three missed reports is stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    /// <summary>Column names follow the context's snake_case convention, which SqlQueryRaw applies to the row records too.</summary>
    [Sql]
    private const string CountPresence = $"""
        select count(e.serial_number)::int as devices,
               count(*) filter (where {OnlineRule.IsOnlineSql})::int as online,
               count(*) filter (where p.thing is null)::int as never_seen
        from {Tables.Equipment} e
        join {Tables.EquipmentModels} m on m.code = e.model_code
        left join {Tables.DevicePresence} p on p.thing = e.serial_number
        """;

    [Sql]
    private const string ListReplicas = $"""
        select replica, reported_at, messages_per_second, points_per_second, rejected_per_second, queue_depth,
               ingest_lag_ms, max_ingest_lag_ms
        from {Tables.ReplicaStats} order by replica
        """;

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("admin").WithTags("Administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("/rejections", ListRejections).WithName("ListRejectedMessages")
            .WithSummary("What the telemetry service refused, per device, reason and minute, newest first, with samples; and the devices in quarantine.");
        admin.MapGet("/platform-health", GetPlatformHealth).WithName("GetPlatformHealth")
            .WithSummary("Devices online, message rates, rejections and ingest lag, across telemetry replicas.");
        return api;
    }

    public static async Task<Results<Ok<RejectionsPage>, ValidationProblem>> ListRejections(
        ValmetalDbContext db, TimeProvider time, [AsParameters] PageRequest page, CancellationToken ct, string? thing = null, string? reason = null)
    {
        var validation = new Validation().Optional("thing", thing, 64).Optional("reason", reason, 32);
        page.Validate(validation);

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var query = db.Rejections.AsNoTracking();
        query = thing is not null ? query.Where(r => r.Thing == thing) : query;
        query = reason is not null ? query.Where(r => r.Reason == reason) : query;
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.LastAt).Page(page).ToListAsync(ct);
        var items = rows.Select(r => new RejectionResponse(r.Minute, r.Thing.Length == 0 ? null : r.Thing, r.Reason, r.Count, r.Messages,
            r.PayloadBytes, r.FirstAt, r.LastAt, r.Topic, r.Detail, JsonSerializer.Deserialize<List<RejectionSample>>(r.Samples) ?? [])).ToList();
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var byReason = await db.Rejections.AsNoTracking().Where(r => r.Minute >= hourAgo)
            .GroupBy(r => r.Reason).Select(g => new { g.Key, Count = g.Sum(r => r.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var quarantined = await db.DeviceQuarantines.AsNoTracking().Where(q => q.Until > now).OrderBy(q => q.Thing)
            .Select(q => new QuarantinedDeviceResponse(q.Thing, q.Since, q.Until, q.Reason)).ToListAsync(ct);
        return TypedResults.Ok(new RejectionsPage(items, page.Page, page.PageSize, total, byReason, quarantined));
    }

    public static async Task<Ok<PlatformHealth>> GetPlatformHealth(ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var presence = await db.Database.SqlQueryRaw<PresenceCounts>(CountPresence).SingleAsync(ct);
        var replicas = (await db.Database.SqlQueryRaw<ReplicaRow>(ListReplicas).ToListAsync(ct))
            .Select(r => new ReplicaHealth(r.Replica, r.ReportedAt, now - r.ReportedAt > StaleAfter, r.MessagesPerSecond, r.PointsPerSecond,
                r.RejectedPerSecond, r.QueueDepth, r.IngestLagMs, r.MaxIngestLagMs))
            .ToList();
        var live = replicas.Where(r => !r.Stale).ToList();
        var openAlarms = await db.Alarms.CountAsync(a => a.State != AlarmState.Cleared, ct);
        return TypedResults.Ok(new PlatformHealth(
            presence.Devices, presence.Online, presence.NeverSeen, openAlarms,
            live.Sum(r => r.MessagesPerSecond), live.Sum(r => r.PointsPerSecond), live.Sum(r => r.RejectedPerSecond),
            live.Count > 0 ? live.Average(r => r.IngestLagMs) : 0, live.Count > 0 ? live.Max(r => r.MaxIngestLagMs) : 0,
            replicas, now));
    }

    private sealed record PresenceCounts(int Devices, int Online, int NeverSeen);

    private sealed record ReplicaRow(
        string Replica, DateTimeOffset ReportedAt, double MessagesPerSecond, double PointsPerSecond, double RejectedPerSecond,
        int QueueDepth, double IngestLagMs, double MaxIngestLagMs);
}
