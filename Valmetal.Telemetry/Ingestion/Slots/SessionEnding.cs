using MQTTnet;
using Valmetal.BrokerClient;

namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>
/// Ends a persistent telemetry session without losing what it holds: unsubscribe (nothing new is queued for it),
/// keep storing what the broker still delivers until its queue is shown empty, then discard the session.
/// </summary>
public static class SessionEnding
{
    /// <summary>How often the wait looks at the tracker; the quiet period and the broker's answer are what decide.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// <paramref name="discard"/> connects with the session's client id, a clean start and a session expiry of 0.
    /// True when the session is gone. False when its queue was not shown empty within <paramref name="limit"/>: it is
    /// left at the broker, with its lease, for another task to take over.
    /// </summary>
    public static async Task<bool> EndAsync(
        IMqttClient client, MqttClientOptions discard, IReadOnlyList<string> filters, DeliveryTracker tracker,
        TimeSpan quiet, TimeSpan limit, TimeProvider time, CancellationToken ct)
    {
        var unsubscribe = new MqttClientUnsubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            unsubscribe.WithTopicFilter(filter);
        }

        var result = await client.UnsubscribeAsync(unsubscribe.Build(), ct);
        if (result.Items.Any(i => i.ResultCode is not (MqttClientUnsubscribeResultCode.Success or MqttClientUnsubscribeResultCode.NoSubscriptionExisted)))
        {
            return false;
        }

        var started = time.GetTimestamp();
        while (!await IsEmptyAsync(client, tracker, quiet, time, ct))
        {
            if (time.GetElapsedTime(started) > limit || !client.IsConnected)
            {
                return false;
            }
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        // MQTTnet leaves a session expiry of 0 out of DISCONNECT, which then keeps the CONNECT's expiry. A clean start
        // with expiry 0 is how the empty session is discarded at the broker, on Mosquitto and IoT Core alike.
        await client.ConnectBoundedAsync(discard, ct);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        return true;
    }

    /// <summary>
    /// A quiet spell alone proves nothing: a broker busy with its other clients may not have read the last
    /// acknowledgements yet, and the messages they let out of the session's queue would come after the session was
    /// discarded. A ping is answered only once the broker has read everything sent before it, and the messages those
    /// acknowledgements released are sent ahead of the answer: with every delivery acknowledged before the ping and
    /// none arriving after its answer (the client hands what it read to the handler within the quiet period), the
    /// session's queue is empty.
    /// </summary>
    private static async Task<bool> IsEmptyAsync(IMqttClient client, DeliveryTracker tracker, TimeSpan quiet, TimeProvider time, CancellationToken ct)
    {
        if (tracker.Pending > 0)
        {
            await Task.Delay(Poll, time, ct);
            return false;
        }

        var seen = tracker.Deliveries;
        await client.PingBoundedAsync(ct);
        await Task.Delay(quiet, time, ct);
        return tracker.Deliveries == seen && tracker.Pending == 0;
    }
}
