using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Live;

/// <summary>
/// After a batch is stored, tells the API what changed, per farm, on <c>app/valmetal/live/{farmId}</c>.
/// QoS 0: a missed live update is replaced by the next one, and the stored state stays the truth.
/// </summary>
public sealed partial class LivePublisher(TelemetryBrokerConnection connection, ILogger<LivePublisher> logger)
{
    public async Task PublishAsync(IEnumerable<(Guid FarmId, DeviceStateChange Change)> changes, CancellationToken ct)
    {
        foreach (var (farmId, change) in changes)
        {
            var update = new LiveUpdate(
                change.Thing,
                farmId,
                change.Metrics.Count > 0 ? change.Metrics.Values.Max(m => m.Ts) : change.StatusChangedAt ?? change.LastSeen ?? DateTimeOffset.UtcNow,
                change.Metrics.Count > 0 ? change.Metrics.ToDictionary(m => m.Key, m => m.Value.Value) : null,
                change.Online);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(Topics.Live(farmId))
                .WithPayload(JsonSerializer.SerializeToUtf8Bytes(update))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                .Build();
            try
            {
                await connection.PublishAsync(message, ct);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                LogPublishFailed(ex, change.Thing);
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Live update for {Thing} not published")]
    private partial void LogPublishFailed(Exception ex, string thing);
}
