using MQTTnet;
using Polly;
using Polly.Registry;

namespace Valmetal.BrokerClient;

/// <summary>
/// Keeps a client connected for as long as a service runs: connects, runs <c>onConnected</c> (subscriptions), and
/// after a drop does both again through the <see cref="BrokerPipelines.Reconnect"/> pipeline.
/// </summary>
public sealed class BrokerSession(ResiliencePipelineProvider<string> pipelines, TimeProvider time)
{
    /// <summary>How often a connected client is looked at: MQTTnet does not reconnect by itself.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromMilliseconds(500);

    private readonly ResiliencePipeline _reconnect = pipelines.GetPipeline(BrokerPipelines.Reconnect);

    /// <param name="onFailure">Hears of each link failure before the next attempt.</param>
    public async Task KeepConnectedAsync(
        IMqttClient client,
        MqttClientOptions options,
        Func<CancellationToken, Task> onConnected,
        Action<Exception> onFailure,
        CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                await ConnectAsync(new Attempt(client, options, onConnected), onFailure, ct);
            }

            await Task.Delay(Watch, time, ct);
        }
    }

    /// <summary>One execution per drop, so each outage's back-off starts again from its shortest delay.</summary>
    private async Task ConnectAsync(Attempt attempt, Action<Exception> onFailure, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(BrokerPipelines.FailureReport, onFailure);
        try
        {
            await _reconnect.ExecuteAsync(static async (context, attempt) =>
            {
                // A retry after a failed subscription may find the link up, and MQTTnet refuses a second connect.
                if (!attempt.Client.IsConnected)
                {
                    await attempt.Client.ConnectBoundedAsync(attempt.Options, context.CancellationToken);
                }

                await attempt.OnConnected(context.CancellationToken);
            }, context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private sealed record Attempt(IMqttClient Client, MqttClientOptions Options, Func<CancellationToken, Task> OnConnected);
}
