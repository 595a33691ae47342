using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.Api.Features.Broker;
using Valmetal.Api.Features.DeviceState;
using Valmetal.DeviceContract.Access;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

/// <summary>
/// Receives the telemetry service's live updates from the broker and fans them out to the streams open on this
/// replica, each to the farms its <see cref="LiveSubscription"/> may carry at that moment, and to this replica's
/// <see cref="DeviceStateCache"/>, which it tells when the stream starts and stops.
/// </summary>
public sealed partial class LiveUpdateHub(
    IOptions<BrokerConnectionOptions> broker, BrokerSession session, DeviceStateCache cache, ILogger<LiveUpdateHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscribers = new();
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    /// <param name="filter">Which farms' updates the stream may carry until a re-check says otherwise.</param>
    public LiveSubscription Subscribe(LiveGrant grant, LiveFarmFilter filter)
    {
        var subscription = new LiveSubscription(grant, filter, s => _subscribers.TryRemove(s, out _));
        _subscribers[subscription] = 0;
        return subscription;
    }

    /// <summary>The streams open now, for the access re-check.</summary>
    public IReadOnlyList<LiveSubscription> Subscriptions() =>
        // Enumerating takes no lock, unlike ConcurrentDictionary.Keys.
        _subscribers.Select(s => s.Key).ToList();

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // What the API sends to devices goes over another connection (DevicePublisher), which a burst of updates
        // cannot hold up.
        var (clientId, options) = ApiBrokerConnection.For(broker.Value, "live");
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Dispatch(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            // Also raised for a connect attempt that failed, when there was no stream to lose.
            if (e.ClientWasConnected)
            {
                cache.FeedLost();
            }

            return Task.CompletedTask;
        };

        await session.KeepConnectedAsync(_client, options, async ct =>
        {
            await _client.SubscribeBoundedAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(Topics.Live(Topics.AnyLevel)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce))
                .Build(), ct);
            cache.FeedConnected();
            LogConnected(clientId);
        }, LogConnectFailed, stoppingToken);
    }

    private void Dispatch(MqttApplicationMessage message)
    {
        LiveUpdate? update;
        try
        {
            update = JsonSerializer.Deserialize<LiveUpdate>(message.Payload.IsSingleSegment ? message.Payload.FirstSpan : message.Payload.ToArray());
        }
        catch (JsonException ex)
        {
            LogBadUpdate(ex, message.Topic);
            return;
        }

        if (update is null)
        {
            return;
        }

        cache.Apply(update);
        foreach (var (subscription, _) in _subscribers)
        {
            subscription.Offer(update);
        }
    }

    [LoggerMessage(LogLevel.Information, "Receiving live updates from the broker as {ClientId}")]
    private partial void LogConnected(string clientId);

    [LoggerMessage(LogLevel.Warning, "Live update connection to the broker failed; retrying")]
    private partial void LogConnectFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Ignored an unreadable live update on {Topic}")]
    private partial void LogBadUpdate(Exception ex, string topic);
}
