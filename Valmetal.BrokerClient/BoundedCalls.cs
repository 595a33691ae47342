using MQTTnet;
using MQTTnet.Exceptions;

namespace Valmetal.BrokerClient;

/// <summary>
/// MQTTnet applies <see cref="MqttClientOptions.Timeout"/> only when the caller's token cannot be cancelled. With a
/// service's stopping token or a request's abort token, a CONNACK, SUBACK or PUBACK that never comes (a link that
/// died between the check and the send) is awaited forever, and so is whatever waits on that call: a device's loop,
/// a command handler, and the client's own disconnect, which waits for the message handler. Every connect, subscribe
/// and publish goes through these instead. Past the client's timeout, or the deadline its caller gives, the call fails
/// as <see cref="MqttCommunicationTimedOutException"/>, a communication failure like a dropped link, so each caller's
/// handling of a lost link (buffer, reconnect, answer "not sent") applies.
/// </summary>
public static class BoundedCalls
{
    /// <param name="within">Longer than the client's timeout for a device's attempt (the device contract's deadlines).</param>
    public static Task<MqttClientConnectResult> ConnectBoundedAsync(this IMqttClient client, MqttClientOptions options, CancellationToken ct, TimeSpan? within = null) =>
        WithinAsync(within ?? options.Timeout, token => client.ConnectAsync(options, token), ct);

    public static Task<MqttClientSubscribeResult> SubscribeBoundedAsync(this IMqttClient client, MqttClientSubscribeOptions options, CancellationToken ct) =>
        WithinAsync(TimeoutOf(client), token => client.SubscribeAsync(options, token), ct);

    /// <summary>A round trip to the broker: answered only once it has read everything this client sent before.</summary>
    public static Task PingBoundedAsync(this IMqttClient client, CancellationToken ct) =>
        WithinAsync(TimeoutOf(client), async token =>
        {
            await client.PingAsync(token);
            return true;
        }, ct);

    /// <param name="within">Shorter than the client's timeout for best-effort messages that must not hold up their sender; longer
    /// for a device's data (the device contract's deadlines).</param>
    public static Task<MqttClientPublishResult> PublishBoundedAsync(this IMqttClient client, MqttApplicationMessage message, CancellationToken ct, TimeSpan? within = null) =>
        WithinAsync(within ?? TimeoutOf(client), token => client.PublishAsync(message, token), ct);

    /// <summary>
    /// Whether an exception from a connect or publish means the link is down or going down, which the caller survives
    /// by trying again. InvalidOperationException: MQTTnet refuses to connect while it is still tearing down the
    /// dropped connection.
    /// </summary>
    public static bool IsLinkFailure(Exception ex) => ex is MqttCommunicationException or InvalidOperationException;

    // Before the first connect there are no options; MQTTnet then refuses the call at once as not connected.
    private static TimeSpan TimeoutOf(IMqttClient client) => client.Options?.Timeout ?? Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Whatever MQTTnet throws once a token is cancelled (an OperationCanceledException, a "timed out" exception of
    /// its own, or "connection closed" when it abandons a connect) is told apart here: the deadline is a link failure,
    /// the caller's own cancellation stays a cancellation.
    /// </summary>
    private static async Task<T> WithinAsync<T>(TimeSpan timeout, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("The caller cancelled the MQTT call.", ex, ct);
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new MqttCommunicationTimedOutException(ex);
        }
    }
}
