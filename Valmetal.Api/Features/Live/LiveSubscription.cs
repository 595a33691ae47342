using System.Threading.Channels;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

/// <summary>
/// One open stream on this replica: what it was opened with, which farms it may carry now, and its buffer, which drops
/// its oldest update so a slow browser never slows the others. <see cref="LiveAccessRecheck"/> replaces the filter or
/// ends the subscription while the hub writes to it and the stream reads from it.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    public const int Buffer = 256;

    private readonly Channel<LiveUpdate> _channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(Buffer)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly Action<LiveSubscription> _unsubscribe;

    // One reference for filter and loss together: a reader never sees the one without the other.
    private volatile LiveAccessDecision _access;

    public LiveSubscription(LiveGrant grant, LiveFarmFilter filter, Action<LiveSubscription> unsubscribe)
    {
        Grant = grant;
        _access = LiveAccessDecision.Continue(filter);
        _unsubscribe = unsubscribe;
    }

    public LiveGrant Grant { get; }

    public ChannelReader<LiveUpdate> Reader => _channel.Reader;

    /// <summary>Why the stream must end; null while it may go on.</summary>
    public LiveAccessLoss? Loss => _access.Loss;

    public bool Wants(Guid farmId) => _access.Filter?.Wants(farmId) == true;

    /// <summary>Buffers the update if this stream may carry its farm.</summary>
    public void Offer(LiveUpdate update)
    {
        if (Wants(update.FarmId))
        {
            _channel.Writer.TryWrite(update);
        }
    }

    /// <summary>Applies a re-check: a new filter, or the end. An ended subscription stays ended.</summary>
    /// <returns>Whether this call ended it.</returns>
    public bool Apply(LiveAccessDecision decision)
    {
        if (_access.Ends)
        {
            return false;
        }

        _access = decision;
        // Completing wakes the stream at once; it drops what is still buffered (see LiveApi).
        return decision.Ends && _channel.Writer.TryComplete();
    }

    public void Dispose() => _unsubscribe(this);
}
