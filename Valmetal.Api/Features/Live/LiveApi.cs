using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Valmetal.Api.Security;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

public static class LiveApi
{
    /// <summary>A comment line now and then keeps proxies and load balancers from closing an idle stream.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapLiveApi(this RouteGroupBuilder api)
    {
        api.MapGroup("live").WithTags("Live")
            .MapGet("/", StreamLiveUpdates)
            .WithName("StreamLiveUpdates")
            .WithSummary("Server-sent events: 'subscribed' once the stream receives updates, then each stored batch of values of the caller's devices as it arrives, optionally for one farm.");
        return api;
    }

    public static Results<ServerSentEventsResult<LiveUpdate>, NotFound> StreamLiveUpdates(
        CurrentUser user, LiveUpdateHub hub, CancellationToken ct, Guid? farmId = null)
    {
        if (farmId is { } filter && !user.CanSee(filter))
        {
            return TypedResults.NotFound();
        }

        // Only the caller's farms, narrowed to one farm on request.
        Func<Guid, bool> wanted = farmId is { } one ? f => f == one : user.CanSee;
        return TypedResults.ServerSentEvents(Stream(hub, wanted, ct));
    }

    private static async IAsyncEnumerable<SseItem<LiveUpdate>> Stream(LiveUpdateHub hub, Func<Guid, bool> wanted, [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = hub.Subscribe(wanted);
        yield return new SseItem<LiveUpdate>(null!, LiveEvents.Subscribed);
        while (!ct.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(KeepAlive);
            LiveUpdate? update = null;
            try
            {
                update = await subscription.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Keep-alive interval elapsed without an update.
            }

            yield return update is null
                ? new SseItem<LiveUpdate>(null!, LiveEvents.KeepAlive)
                : new SseItem<LiveUpdate>(update, LiveEvents.Update);
        }
    }
}
