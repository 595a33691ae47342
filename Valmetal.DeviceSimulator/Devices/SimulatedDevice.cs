using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>
/// One barn device as the contract describes it: its own certificate and MQTT 5 session, a retained
/// status with a will message, reported state on connect, and telemetry on a fixed interval.
/// </summary>
public sealed partial class SimulatedDevice(
    DemoEquipment equipment,
    BrokerConnectionOptions broker,
    TimeSpan interval,
    ILogger logger) : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<MetricSignal> _signals = Fleet.ModelOf(equipment).Metrics
        .Select(m => new MetricSignal(m, new Random(HashCode.Combine(equipment.Thing, m.Key)))).ToList();

    private long _seq;
    private long _reportedVersion = 1;

    public string Thing => equipment.Thing;

    public async Task RunAsync(CancellationToken ct)
    {
        _client.ApplicationMessageReceivedAsync += e => e.ApplicationMessage.Topic.Contains("/req/", StringComparison.Ordinal)
            ? AnswerCommandAsync(e.ApplicationMessage, ct)
            : ApplyConfigurationAsync(e.ApplicationMessage, ct);
        var options = BrokerClientOptions.CreateBuilder(broker, equipment.Thing)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithWillTopic(Topics.Status(equipment.Thing))
            .WithWillPayload(JsonSerializer.SerializeToUtf8Bytes(new StatusPayload(false, DateTimeOffset.UtcNow)))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain()
            .Build();

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectAsync(options, ct);
                }

                await PublishAsync(Topics.Telemetry(equipment.Thing), Telemetry(), retain: false, ct);
            }
            catch (MqttCommunicationException ex)
            {
                LogPublishFailed(ex, equipment.Thing);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_client.IsConnected)
        {
            // A clean goodbye: say offline ourselves, since the broker sends no will on a normal disconnect.
            await PublishAsync(Topics.Status(equipment.Thing), new StatusPayload(false, DateTimeOffset.UtcNow), retain: true, ct);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task ConnectAsync(MqttClientOptions options, CancellationToken ct)
    {
        await _client.ConnectAsync(options, ct);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.Config(equipment.Thing)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic($"{Topics.CommandPrefix}{equipment.Thing}/req/+").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), ct);
        await PublishAsync(Topics.Status(equipment.Thing), new StatusPayload(true, DateTimeOffset.UtcNow), retain: true, ct);
        await PublishAsync(Topics.State(equipment.Thing), new StatePayload(new JsonObject
        {
            ["firmware"] = equipment.Firmware,
            ["mode"] = "auto",
            ["model"] = equipment.ModelCode,
        }, 1), retain: false, ct);
        LogConnected(equipment.Thing);
    }

    /// <summary>Accepts a command at once and reports it done a moment later, as a controller finishing an action would.</summary>
    private async Task AnswerCommandAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        var commandId = message.Topic[(message.Topic.LastIndexOf('/') + 1)..];
        var response = Topics.CommandResponse(equipment.Thing, commandId);
        await PublishAsync(response, new { status = "accepted" }, retain: false, ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        await PublishAsync(response, new { status = "succeeded", detail = "done by the simulator" }, retain: false, ct);
        if (ReportedChange(message) is { } change)
        {
            await PublishAsync(Topics.State(equipment.Thing), new StatePayload(change, Interlocked.Increment(ref _reportedVersion)), retain: false, ct);
        }
    }

    /// <summary>What a controller reports after start, stop or reset: its mode, and that no fault is latched.</summary>
    private static JsonObject? ReportedChange(MqttApplicationMessage message)
    {
        string? name;
        try
        {
            name = JsonNode.Parse(message.ConvertPayloadToString())?["name"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }

        return name switch
        {
            "start" => new JsonObject { ["mode"] = "auto" },
            "stop" => new JsonObject { ["mode"] = "stopped" },
            "reset_fault" => new JsonObject { ["fault"] = false },
            _ => null,
        };
    }

    /// <summary>Like real equipment: apply the desired configuration, then report the values now in force.</summary>
    private async Task ApplyConfigurationAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (message.Topic != Topics.Config(equipment.Thing))
        {
            return;
        }

        JsonObject? desired;
        try
        {
            desired = JsonNode.Parse(message.ConvertPayloadToString())?["desired"] as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (desired is { Count: > 0 })
        {
            await PublishAsync(Topics.State(equipment.Thing), new StatePayload((JsonObject)desired.DeepClone(), Interlocked.Increment(ref _reportedVersion)), retain: false, ct);
        }
    }

    private TelemetryPayload Telemetry()
    {
        var now = DateTimeOffset.UtcNow;
        return new TelemetryPayload
        {
            Seq = Interlocked.Increment(ref _seq),
            Ts = now,
            Metrics = _signals.ToDictionary(s => s.Key, s => s.Read(now)),
        };
    }

    private async Task PublishAsync<T>(string topic, T payload, bool retain, CancellationToken ct)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build(), ct);
        if (!result.IsSuccess)
        {
            LogRefused(topic, result.ReasonCode.ToString());
        }
    }

    [LoggerMessage(LogLevel.Information, "{Thing} connected")]
    private partial void LogConnected(string thing);

    [LoggerMessage(LogLevel.Warning, "{Thing} could not publish; reconnecting on the next tick")]
    private partial void LogPublishFailed(Exception ex, string thing);

    [LoggerMessage(LogLevel.Warning, "The broker refused a publish on {Topic}: {Reason}")]
    private partial void LogRefused(string topic, string reason);
}
