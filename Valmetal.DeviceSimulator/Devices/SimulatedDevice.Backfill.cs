using MQTTnet;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceSimulator.Incidents;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>
/// Offline bursts and backfill. A burst drops the link with the will message, as a lost cellular link would (the
/// platform sees the device offline at once instead of after the keep-alive); samples go on into the backlog, and
/// after reconnecting the backlog is published oldest first, one batch at a time, each kept until a PUBACK says
/// the platform took it.
/// </summary>
public sealed partial class SimulatedDevice
{
    private readonly IncidentSchedule _offline;

    private async Task<bool> IsOfflineAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (!_options.OfflineBursts)
        {
            return false;
        }

        switch (_offline.Advance(now))
        {
            case IncidentChange.Started:
                LogGoingOffline(Thing);
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder()
                        .WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage)
                        .Build(), ct);
                }

                break;
            case IncidentChange.Ended:
                LogBackOnline(Thing, _backlog.Count);
                break;
        }

        return _offline.IsActive;
    }

    /// <summary>
    /// Publishes the backlog while the link holds. A batch leaves the buffer only once the broker has answered it;
    /// if the link drops first the exception ends the drain and the same batch goes again after reconnecting.
    /// </summary>
    private async Task DrainBacklogAsync(CancellationToken ct)
    {
        var samples = 0;
        var messages = 0;
        while (_backlog.Count > 0 && _client.IsConnected)
        {
            var batch = _backlog.PeekBatch();
            var answer = PublishAnswers.Classify(await PublishAsync(Topics.Telemetry(Thing), new TelemetryPayload { Seq = NextSeq(), Samples = batch }, retain: false, ct));
            if (answer == PublishAnswer.NotYetTaken)
            {
                // Nobody took it yet (the platform is resubscribing after a broker restart): the batch waits for the next tick.
                break;
            }

            // A refusal is an answer too: sending the same batch again would be refused again, so it is dropped (and logged).
            _backlog.Remove(batch.Count);
            if (answer == PublishAnswer.Taken)
            {
                samples += batch.Count;
                messages++;
            }
        }

        LogBackfilled(Thing, samples, messages, _backlog.Dropped);
    }

    [LoggerMessage(LogLevel.Information, "{Thing} loses its link (will message) and keeps sampling into its buffer")]
    private partial void LogGoingOffline(string thing);

    [LoggerMessage(LogLevel.Information, "{Thing} link is back; {Buffered} buffered samples to backfill")]
    private partial void LogBackOnline(string thing, int buffered);

    [LoggerMessage(LogLevel.Information, "{Thing} backfilled {Samples} samples in {Messages} messages ({Dropped} dropped by a full buffer so far)")]
    private partial void LogBackfilled(string thing, int samples, int messages, long dropped);
}
