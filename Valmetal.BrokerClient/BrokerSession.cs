using MQTTnet;

namespace Valmetal.BrokerClient;

/// <summary>
/// Keeps a client connected for as long as a service runs: connects, runs <c>onConnected</c>
/// (subscriptions), and after a drop reconnects with exponential back-off up to 10 seconds.
/// </summary>
public static class BrokerSession
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public static async Task KeepConnectedAsync(
        IMqttClient client,
        MqttClientOptions options,
        Func<CancellationToken, Task> onConnected,
        Action<Exception> onFailure,
        CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                try
                {
                    await client.ConnectBoundedAsync(options, ct);
                    await onConnected(ct);
                    backoff = TimeSpan.FromMilliseconds(250);
                }
                catch (Exception ex) when (BoundedCalls.IsLinkFailure(ex))
                {
                    onFailure(ex);
                    await Task.Delay(backoff, ct);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                    continue;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }
}
