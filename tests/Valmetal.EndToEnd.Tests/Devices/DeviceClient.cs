using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>A test acting as one device (or service), with its certificate, over MQTT 5 and mutual TLS.</summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private DeviceClient()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
    }

    /// <summary>Topics of every message the broker delivered to this client.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public static async Task<DeviceClient> ConnectAsync(BrokerConnectionOptions identity, string thing)
    {
        var device = new DeviceClient();
        await device._client.ConnectAsync(BrokerClientOptions.CreateBuilder(identity, thing).WithCleanStart(true).Build());
        return device;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, object payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    /// <summary>Publishes bytes exactly as given, for payloads no serializer would write (duplicate keys, 1e400).</summary>
    public Task<MqttClientPublishResult> PublishRawAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public Task<MqttClientSubscribeResult> SubscribeAsync(string topic) =>
        _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}
