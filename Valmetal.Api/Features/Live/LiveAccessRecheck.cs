using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.Api.Data;
using Valmetal.Api.Security;

namespace Valmetal.Api.Features.Live;

/// <summary>
/// Makes the streams open on this replica follow access changes: every <see cref="LiveOptions.AccessRecheck"/> it reads,
/// in one query, the current access of everyone with a stream open here, then ends or re-filters each stream
/// (<see cref="LiveAccessRule"/>). An admin's change is served by any replica and each hub lives in one replica's
/// memory; reading the users table reaches them all with nothing added to the platform.
/// </summary>
public sealed partial class LiveAccessRecheck(
    LiveUpdateHub hub,
    IServiceScopeFactory scopes,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveAccessRecheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AccessRecheck, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or RetryLimitExceededException or TimeoutException)
            {
                // Streams keep their last filter until a re-check succeeds: ending them all on a database outage
                // would send every browser reconnecting at once, into the same outage.
                LogRecheckFailed(ex);
            }
        }
    }

    public async Task RecheckAsync(CancellationToken ct)
    {
        var open = hub.Subscriptions();
        if (open.Count == 0)
        {
            return;
        }

        var subs = open.Select(s => s.Grant.Sub).Distinct(StringComparer.Ordinal).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ValmetalDbContext>();
        // One statement (a join, not one query per user): the memberships come with their users.
        var rows = await db.Users.AsNoTracking()
            .Where(u => subs.Contains(u.Sub))
            .Select(u => new { u.Sub, u.Disabled, u.Role, Farms = u.Farms.Select(f => f.FarmId).ToList() })
            .ToListAsync(ct);
        var stored = rows.ToDictionary(
            r => r.Sub,
            r => new StoredAccess(r.Disabled, Roles.FromGroups([r.Role]), r.Farms.ToHashSet()),
            StringComparer.Ordinal);

        var ended = Apply(open, stored);
        if (ended > 0)
        {
            LogEnded(ended);
        }
    }

    /// <summary>Re-filters or ends each stream by its user's access now.</summary>
    /// <param name="stored">Access by sub; a sub missing from it has no row.</param>
    /// <returns>How many streams this call ended.</returns>
    public static int Apply(IEnumerable<LiveSubscription> open, IReadOnlyDictionary<string, StoredAccess> stored)
    {
        var ended = 0;
        foreach (var subscription in open)
        {
            if (subscription.Apply(LiveAccessRule.Decide(subscription.Grant, stored.GetValueOrDefault(subscription.Grant.Sub))))
            {
                ended++;
            }
        }

        return ended;
    }

    [LoggerMessage(LogLevel.Information, "Ended {Count} live streams whose users lost access")]
    private partial void LogEnded(int count);

    [LoggerMessage(LogLevel.Warning, "Live stream access re-check failed; retrying at the next one")]
    private partial void LogRecheckFailed(Exception ex);
}
