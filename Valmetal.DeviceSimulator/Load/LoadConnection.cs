using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Connection;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceSimulator.Devices;

namespace Valmetal.DeviceSimulator.Load;

/// <summary>
/// One load connection: a demo device's identity publishing telemetry (three metrics) at a fixed rate. It catches
/// up every 100 ms rather than sleeping between messages, so rates above the timer's resolution are still met.
/// </summary>
public sealed partial class LoadConnection(DemoEquipment equipment, BrokerConnectionOptions identity, double ratePerSecond, ILogger logger)
{
    private const int MetricsPerMessage = 3;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly List<MetricSignal> _signals = Fleet.ModelOf(equipment).Metrics.Take(MetricsPerMessage)
        .Select(m => new MetricSignal(m, new Random())).ToList();

    private long _published;

    /// <summary>Messages the broker acknowledged so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    public async Task RunAsync(CancellationToken ct)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = BrokerClientOptions.CreateBuilder(identity, equipment.Thing).WithCleanStart(true).Build();
        var started = DateTimeOffset.UtcNow;
        long sent = 0;
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectBoundedAsync(options, ct, DeviceDeadlines.ConnectAttempt);
                }

                var due = (long)((DateTimeOffset.UtcNow - started).TotalSeconds * ratePerSecond);
                for (; sent < due; sent++)
                {
                    // Timestamps spaced by the rate, so no two messages of a device name the same point.
                    var ts = started + TimeSpan.FromSeconds(sent / ratePerSecond);
                    await PublishAsync(client, new TelemetryPayload { Seq = sent + 1, Ts = ts, Metrics = _signals.ToDictionary(s => s.Key, s => s.Read(ts)) }, ct);
                }
            }
            catch (Exception ex) when (BoundedCalls.IsLinkFailure(ex))
            {
                LogPublishFailed(ex, equipment.Thing);
            }
        }
    }

    private async Task PublishAsync(IMqttClient client, TelemetryPayload payload, CancellationToken ct)
    {
        var result = await client.PublishBoundedAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Telemetry(equipment.Thing))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), ct, DeviceDeadlines.Acknowledgement);
        // Load mode measures, it does not buffer: a message nobody took is simply not counted as published.
        if (PublishAnswers.Classify(result) == PublishAnswer.Taken)
        {
            Interlocked.Increment(ref _published);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Load connection {Thing} could not publish; reconnecting")]
    private partial void LogPublishFailed(Exception ex, string thing);
}
