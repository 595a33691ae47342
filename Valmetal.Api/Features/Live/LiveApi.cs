using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

public static class LiveApi
{
    /// <summary>A comment line now and then keeps proxies and load balancers from closing an idle stream.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("api/live").WithTags("Live")
            .MapGet("/", StreamLiveUpdates)
            .WithName("StreamLiveUpdates")
            .WithSummary("Server-sent events: each stored batch of a device's values as it arrives, optionally for one farm.");
        return app;
    }

    public static ServerSentEventsResult<LiveUpdate> StreamLiveUpdates(LiveUpdateHub hub, CancellationToken ct, Guid? farmId = null) =>
        TypedResults.ServerSentEvents(Stream(hub, farmId, ct));

    private static async IAsyncEnumerable<SseItem<LiveUpdate>> Stream(LiveUpdateHub hub, Guid? farmId, [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = hub.Subscribe(farmId);
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
                ? new SseItem<LiveUpdate>(null!, "keepalive")
                : new SseItem<LiveUpdate>(update, "update");
        }
    }
}
