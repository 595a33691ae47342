using MQTTnet;
using Valmetal.BrokerClient;

namespace Valmetal.Telemetry.Ingestion.Slots;

/// <summary>
/// Ends a persistent telemetry session without losing what it holds: unsubscribe (nothing new is queued for it),
/// keep storing what the broker still delivers until the connection has been quiet, then discard the session.
/// </summary>
public static class SessionEnding
{
    /// <summary>How often the wait looks at the tracker; the quiet period itself is what decides.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// <paramref name="discard"/> connects with the session's client id, a clean start and a session expiry of 0.
    /// True when the session is gone. False when it did not go quiet within <paramref name="limit"/>: it is left at
    /// the broker, with its lease, for another task to take over.
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
        while (!tracker.IsQuietFor(quiet))
        {
            if (time.GetElapsedTime(started) > limit || !client.IsConnected)
            {
                return false;
            }

            await Task.Delay(Poll, time, ct);
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        // MQTTnet leaves a session expiry of 0 out of DISCONNECT, which then keeps the CONNECT's expiry. A clean start
        // with expiry 0 is how the empty session is discarded at the broker, on Mosquitto and IoT Core alike.
        await client.ConnectBoundedAsync(discard, ct);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        return true;
    }
}
