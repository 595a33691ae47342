using System.Text.Json;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;

namespace Valmetal.EndToEnd.Tests.Devices;

/// <summary>
/// A device that keeps every message until the broker acknowledges it, reconnecting as often as it takes, as real
/// equipment with a local buffer does. With storage ignoring repeats, that makes each point stored exactly once.
/// </summary>
public sealed class ResilientDevice(BrokerConnectionOptions identity, string thing) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options = BrokerClientOptions.CreateBuilder(identity, thing).WithCleanStart(true)
        .WithTimeout(TimeSpan.FromSeconds(5)).Build();

    /// <summary>Publishes that had to be tried again: the broker was unreachable, or nobody had taken the message yet.</summary>
    public int Retries { get; private set; }

    public async Task PublishAsync(string topic, object payload, CancellationToken ct)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync(_options, ct);
                }

                var result = await _client.PublishAsync(message, ct);
                switch (PublishAnswers.Classify(result))
                {
                    case PublishAnswer.Taken:
                        return;
                    case PublishAnswer.Refused:
                        throw new InvalidOperationException($"The broker refused a publish on {topic}: {result.ReasonCode}");
                }
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // The broker is restarting or the connection dropped: the message is still ours to deliver.
            }

            // Unreachable, or answered "nobody took it yet" as right after a broker restart: go again.
            Retries++;
            await Task.Delay(250, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}
