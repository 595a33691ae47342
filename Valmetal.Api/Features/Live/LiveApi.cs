using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

public static class LiveApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(LiveApi));

    /// <summary>A comment line now and then keeps proxies and load balancers from closing an idle stream.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapLiveApi(this RouteGroupBuilder api)
    {
        api.MapGroup("live").WithTags("Live")
            .MapGet("/", StreamLiveUpdates)
            .LongLived()
            .WithName("StreamLiveUpdates")
            .WithSummary("Server-sent events: 'subscribed' once the stream receives updates, then each stored batch of values of the caller's devices as it arrives, optionally for one farm. " +
                "Within seconds of an access change the stream follows it: it stops carrying a farm the caller lost, or ends with 'access-changed' when the caller is disabled, changes role or loses the one farm asked for.");
        return api;
    }

    public static Results<ServerSentEventsResult<LiveUpdate>, NotFound, ProblemHttpResult> StreamLiveUpdates(
        CurrentUser user, LiveUpdateHub hub, CancellationToken ct, Guid? farmId = null)
    {
        // The rule the re-check applies later, applied now: a stream it would end at once is not opened.
        var grant = new LiveGrant(user.Sub, user.Role, farmId);
        var stored = user.StoredRole is { } role ? new StoredAccess(user.Disabled, role, user.FarmIds) : null;
        var access = LiveAccessRule.Decide(grant, stored);
        return access.Loss switch
        {
            null => TypedResults.ServerSentEvents(Stream(hub, grant, access.Filter!, ct)),
            LiveAccessLoss.FarmNotVisible => TypedResults.NotFound(),
            LiveAccessLoss.RoleChanged => TypedResults.Problem(
                title: Text["RoleChanged"],
                detail: Text["RoleChangedDetail"],
                statusCode: StatusCodes.Status403Forbidden),
            // ActiveUserFilter refuses a disabled caller before this point; the same answer, should that ever change.
            LiveAccessLoss.Disabled => TypedResults.Problem(
                title: Text["Disabled"],
                detail: Text["DisabledDetail"],
                statusCode: StatusCodes.Status403Forbidden),
            _ => throw new InvalidOperationException($"Unknown access loss {access.Loss}."),
        };
    }

    private static async IAsyncEnumerable<SseItem<LiveUpdate>> Stream(
        LiveUpdateHub hub, LiveGrant grant, LiveFarmFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = hub.Subscribe(grant, filter);
        yield return new SseItem<LiveUpdate>(null!, LiveEvents.Subscribed);
        while (!ct.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(KeepAlive);
            LiveUpdate? update = null;
            try
            {
                // False once the re-check ended the subscription; the loss below says so.
                if (await subscription.Reader.WaitToReadAsync(wait.Token))
                {
                    subscription.Reader.TryRead(out update);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Keep-alive interval elapsed without an update.
            }

            if (subscription.Loss is not null)
            {
                // Whatever is still buffered may be of farms the user can no longer see: dropped. The event tells
                // the client why the response completes; a reconnect is answered by the same rule (403 or 404).
                yield return new SseItem<LiveUpdate>(null!, LiveEvents.AccessChanged);
                yield break;
            }

            if (update is null)
            {
                yield return new SseItem<LiveUpdate>(null!, LiveEvents.KeepAlive);
            }
            else if (subscription.Wants(update.FarmId))
            {
                // Checked again as it leaves: an update buffered before the filter was replaced may be of a lost farm.
                yield return new SseItem<LiveUpdate>(update, LiveEvents.Update);
            }
        }
    }
}
