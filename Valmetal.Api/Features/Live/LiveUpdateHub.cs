using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Live;

/// <summary>
/// Receives the telemetry service's live updates from the broker and fans them out to connected users.
/// Each subscriber has a small bounded buffer that drops its oldest update: a slow browser never slows the others.
/// </summary>
public sealed partial class LiveUpdateHub(IOptions<BrokerConnectionOptions> broker, ILogger<LiveUpdateHub> logger) : BackgroundService
{
    public const int SubscriberBuffer = 256;
    private readonly ConcurrentDictionary<Guid, (Func<Guid, bool> Wants, Channel<LiveUpdate> Channel)> _subscribers = new();
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// The API's one broker session (the broker makes the certificate CN the client id, so there can be only one):
    /// it also carries what the API sends to devices.
    /// </summary>
    public async Task<bool> PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var result = await _client.PublishAsync(message, ct);
        return result.IsSuccess;
    }

    /// <param name="wantsFarm">Which farms' updates this subscriber may receive.</param>
    public LiveSubscription Subscribe(Func<Guid, bool> wantsFarm)
    {
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var id = Guid.NewGuid();
        _subscribers[id] = (wantsFarm, channel);
        return new LiveSubscription(channel.Reader, () => _subscribers.TryRemove(id, out _));
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = BrokerClientOptions.CreateBuilder(broker.Value).WithCleanStart(true).Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Dispatch(e.ApplicationMessage);
            return Task.CompletedTask;
        };

        await BrokerSession.KeepConnectedAsync(_client, options, async ct =>
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(Topics.LivePrefix + "+").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce))
                .Build(), ct);
            LogConnected();
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

        foreach (var (_, subscriber) in _subscribers)
        {
            if (subscriber.Wants(update.FarmId))
            {
                subscriber.Channel.Writer.TryWrite(update);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Receiving live updates from the broker")]
    private partial void LogConnected();

    [LoggerMessage(LogLevel.Warning, "Live update connection to the broker failed; retrying")]
    private partial void LogConnectFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Ignored an unreadable live update on {Topic}")]
    private partial void LogBadUpdate(Exception ex, string topic);
}

public sealed class LiveSubscription(ChannelReader<LiveUpdate> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<LiveUpdate> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
