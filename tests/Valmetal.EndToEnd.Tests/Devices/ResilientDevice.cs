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
public sealed class ResilientDevice : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;

    /// <summary>
    /// Completes once the client has finished closing its last connection. After a drop MQTTnet reports
    /// IsConnected false at once but closes in the background, and until it is done it refuses to connect
    /// ("Not allowed to connect while connect/disconnect is pending").
    /// </summary>
    private TaskCompletionSource _closed = new();

    public ResilientDevice(BrokerConnectionOptions identity, string thing)
    {
        _options = BrokerClientOptions.CreateBuilder(identity, thing).WithCleanStart(true).WithTimeout(TimeSpan.FromSeconds(5)).Build();
        _closed.SetResult();
        // Raised after the client is back to "disconnected"; attempts that never connected do not count here.
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                _closed.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

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
                    await ConnectAsync(ct);
                }

                var result = await _client.PublishBoundedAsync(message, ct);
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

    private async Task ConnectAsync(CancellationToken ct)
    {
        await _closed.Task.WaitAsync(ct);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _closed = closed;
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectBoundedAsync(_options, ct);
        }
        catch
        {
            // A failed attempt has finished closing before it throws.
            closed.TrySetResult();
            throw;
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            closed.TrySetResult();
            throw new InvalidOperationException($"The broker refused the connection: {result.ResultCode}");
        }
    }
}
