using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.Live;

/// <summary>
/// After a batch is stored, tells the API what changed, per farm, on <c>app/valmetal/live/{farmId}</c>.
/// QoS 0: a missed live update is replaced by the next one, and the stored state stays the truth.
/// </summary>
public sealed partial class LivePublisher(TelemetryBrokerConnection connection, DeviceCatalogue catalogue, TimeProvider time, ILogger<LivePublisher> logger)
{
    public async Task PublishAsync(IEnumerable<(Guid FarmId, DeviceStateChange Change)> changes, CancellationToken ct)
    {
        foreach (var (farmId, change) in changes)
        {
            await PublishAsync(new LiveUpdate(
                change.Thing,
                farmId,
                change.Metrics.Count > 0 ? change.Metrics.Values.Max(m => m.Ts) : change.StatusChangedAt ?? change.LastSeen ?? time.GetUtcNow(),
                change.Metrics.Count > 0 ? change.Metrics.ToDictionary(m => m.Key, m => m.Value.Value) : null,
                change.Online,
                LastSeen: change.LastSeen,
                StatusChangedAt: change.Online is null ? null : change.StatusChangedAt,
                ReportedVersion: change.Reported is null ? null : change.ReportedVersion ?? 0), ct);
        }
    }

    public async Task PublishAlarmsAsync(IEnumerable<AlarmChange> alarms, CancellationToken ct)
    {
        foreach (var alarm in alarms)
        {
            if (catalogue.TryGet(alarm.Thing, out var device))
            {
                await PublishAsync(new LiveUpdate(alarm.Thing, device.FarmId, time.GetUtcNow(), null, null, alarm.Notice), ct);
            }
        }
    }

    /// <summary>Connectivity changes decided outside a batch (the inactivity sweep).</summary>
    public async Task PublishStatusAsync(IEnumerable<DeviceStateChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            if (catalogue.TryGet(change.Thing, out var device))
            {
                await PublishAsync([(device.FarmId, change)], ct);
            }
        }
    }

    private async Task PublishAsync(LiveUpdate update, CancellationToken ct)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Live(update.FarmId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(update))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        try
        {
            await connection.PublishAsync(message, ct);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            LogPublishFailed(ex, update.Thing);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Live update for {Thing} not published")]
    private partial void LogPublishFailed(Exception ex, string thing);
}
