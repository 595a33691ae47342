using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Access;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

/// <summary>
/// Receives the telemetry service's live updates from the broker and fans them out to the streams open on this
/// replica, each to the farms its <see cref="LiveSubscription"/> may carry at that moment.
/// </summary>
public sealed partial class LiveUpdateHub(IOptions<BrokerConnectionOptions> broker, BrokerSession session, ILogger<LiveUpdateHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscribers = new();
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// This task's broker session (client id valmetal-api-{instance}, a clean session: live updates are only worth
    /// anything now, and commands are answered over the connection that sent them): it also carries what the API
    /// sends to devices.
    /// </summary>
    public async Task<bool> PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            var result = await _client.PublishBoundedAsync(message, ct);
            return result.IsSuccess;
        }
        catch (MqttCommunicationException)
        {
            // The link dropped or timed out under this publish: for the caller that is "not sent", as when it was down.
            return false;
        }
    }

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
        var clientId = ServiceClientIds.ForThisProcess(ClientCertificates.ServiceIdentity(broker.Value));
        var options = BrokerClientOptions.CreateBuilder(broker.Value, clientId).WithCleanStart(true).Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Dispatch(e.ApplicationMessage);
            return Task.CompletedTask;
        };

        await session.KeepConnectedAsync(_client, options, async ct =>
        {
            await _client.SubscribeBoundedAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(Topics.Live(Topics.AnyLevel)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce))
                .Build(), ct);
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
