using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>
/// The service's one MQTT connection: a persistent session (messages queue at the broker while we are away),
/// shared subscriptions so replicas split the load, and manual acknowledgement so a message is acknowledged
/// only after the batch writer has stored it.
/// </summary>
public sealed partial class TelemetryBrokerConnection(
    IOptions<BrokerConnectionOptions> broker,
    IOptions<IngestionOptions> ingestion,
    DeviceCatalogue catalogue,
    MessageRouter router,
    IngestQueue queue,
    ILogger<TelemetryBrokerConnection> logger) : BackgroundService
{
    // Events join when alarms are built (issue #4); until then nobody acknowledges what nobody stores.
    private static readonly string[] DeviceTopicKinds = ["telemetry", "events", "state", "status"];
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (_client.IsConnected)
        {
            await _client.PublishAsync(message, ct);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await catalogue.Loaded.WaitAsync(stoppingToken);
        var options = BrokerClientOptions.CreateBuilder(broker.Value)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds)
            .WithReceiveMaximum((ushort)ingestion.Value.ReceiveMaximum)
            .Build();
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            e.AutoAcknowledge = false;
            var message = e.ApplicationMessage;
            var item = router.Route(message.Topic, message.Payload, e.AcknowledgeAsync);
            await queue.EnqueueAsync(item, stoppingToken);
        };

        await BrokerSession.KeepConnectedAsync(_client, options, async ct =>
        {
            await SubscribeAsync(ct);
            LogConnected(broker.Value.Host, broker.Value.Port);
        }, LogConnectFailed, stoppingToken);
    }

    private async Task SubscribeAsync(CancellationToken ct)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var kind in DeviceTopicKinds)
        {
            builder.WithTopicFilter(f => f
                .WithTopic($"$share/{ingestion.Value.SharedGroup}/{Topics.DataPrefix}+/{kind}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        builder.WithTopicFilter(f => f
            .WithTopic($"$share/{ingestion.Value.SharedGroup}/{Topics.CommandPrefix}+/res/+")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        var result = await _client.SubscribeAsync(builder.Build(), ct);
        var refused = result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException("The broker refused subscriptions: "
                + string.Join(", ", refused.Select(r => $"{r.TopicFilter.Topic} ({r.ResultCode})")));
        }
    }

    [LoggerMessage(LogLevel.Information, "Connected to the broker at {Host}:{Port} and subscribed")]
    private partial void LogConnected(string host, int port);

    [LoggerMessage(LogLevel.Warning, "Broker connection failed; retrying")]
    private partial void LogConnectFailed(Exception ex);
}
