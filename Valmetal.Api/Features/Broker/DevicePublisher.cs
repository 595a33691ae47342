using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Broker;

/// <summary>
/// What the API sends over the broker (commands, desired configuration, live notices) goes over this task's own
/// connection (<see cref="ApiBrokerConnection"/>, "publish"), apart from the one that receives live updates
/// (<see cref="Live.LiveUpdateHub"/>), kept up by <see cref="BrokerSession"/>.
/// </summary>
public sealed partial class DevicePublisher(IOptions<BrokerConnectionOptions> broker, BrokerSession session, ILogger<DevicePublisher> logger) : BackgroundService
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    /// <summary>Sends the message, or throws <see cref="BrokerUnavailableException"/>: then nothing was sent.</summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (!await TryPublishAsync(message, ct))
        {
            throw new BrokerUnavailableException(message.Topic);
        }
    }

    /// <summary>For what is worth sending only now (a live notice): false when it was not sent.</summary>
    public async Task<bool> TryPublishAsync(MqttApplicationMessage message, CancellationToken ct)
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

    /// <summary>A live notice on its farm's topic, at QoS 0 as the telemetry service publishes them; best effort.</summary>
    public Task<bool> TryPublishLiveAsync(LiveUpdate update, CancellationToken ct) => TryPublishAsync(new MqttApplicationMessageBuilder()
        .WithTopic(Topics.Live(update.FarmId))
        .WithPayload(JsonSerializer.SerializeToUtf8Bytes(update))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
        .Build(), ct);

    /// <summary>Throws <see cref="BrokerUnavailableException"/> now rather than after a change nothing could be sent for.</summary>
    public void EnsureConnected()
    {
        if (!_client.IsConnected)
        {
            throw new BrokerUnavailableException(topic: null);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (clientId, options) = ApiBrokerConnection.For(broker.Value, "publish");
        await session.KeepConnectedAsync(_client, options, _ =>
        {
            LogConnected(clientId);
            return Task.CompletedTask;
        }, LogConnectFailed, stoppingToken);
    }

    [LoggerMessage(LogLevel.Information, "Publishing to devices through the broker as {ClientId}")]
    private partial void LogConnected(string clientId);

    [LoggerMessage(LogLevel.Warning, "Publishing connection to the broker failed; retrying")]
    private partial void LogConnectFailed(Exception ex);
}
