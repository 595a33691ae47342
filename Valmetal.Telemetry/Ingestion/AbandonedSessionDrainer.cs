using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using Npgsql;
using Valmetal.BrokerClient;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Ingestion.Slots;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>
/// Ends the sessions of tasks that died or were replaced. Such a session stays a member of the shared subscription,
/// so the broker keeps queueing its share of the fleet's messages there. Once its lease has run out, this task
/// takes the slot over, connects as it, stores everything it holds and ends it. The slot this task's own connection
/// holds is never taken over here, however late its renewal.
/// </summary>
public sealed partial class AbandonedSessionDrainer(
    TelemetrySessions sessions,
    ClientSlotStore slots,
    TelemetryBrokerConnection connection,
    IOptions<IngestionOptions> ingestion,
    DeviceCatalogue catalogue,
    TimeProvider time,
    ILogger<AbandonedSessionDrainer> logger) : BackgroundService
{
    private readonly Guid _holder = Guid.NewGuid();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await catalogue.Loaded.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(ingestion.Value.SlotLease, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await slots.TryClaimAbandonedAsync(_holder, connection.Slot, stoppingToken) is { } slot)
                {
                    await DrainAsync(slot, stoppingToken);
                }
            }
            catch (NpgsqlException ex)
            {
                LogClaimFailed(ex);
            }
        }
    }

    private async Task DrainAsync(int slot, CancellationToken stoppingToken)
    {
        LogTakingOver(slot, sessions.ClientId(slot));
        using var client = new MqttClientFactory().CreateMqttClient();
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = SlotRenewal.RenewUntilCancelledAsync(slots, slot, _holder, ingestion.Value.SlotLease, time, logger, lease.Token);
        var ended = false;
        try
        {
            var tracker = sessions.Attach(client, stoppingToken);
            var connected = await client.ConnectBoundedAsync(sessions.Persistent(slot), stoppingToken);
            // No time limit: the session may hold a backlog, and the lease stays renewed while it is stored.
            ended = await sessions.EndAsync(client, slot, tracker, TimeSpan.MaxValue, stoppingToken);
            if (ended)
            {
                LogEnded(slot, connected.IsSessionPresent);
            }
        }
        catch (MqttCommunicationException ex)
        {
            LogDrainFailed(ex, slot);
        }
        finally
        {
            await lease.CancelAsync();
            await renewing;
        }

        if (ended)
        {
            await slots.ReleaseAsync(slot, _holder, stoppingToken);
        }
        else
        {
            LogLeft(slot);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Taking over abandoned broker client slot {Slot} ({ClientId}) to store what its session holds")]
    private partial void LogTakingOver(int slot, string clientId);

    [LoggerMessage(LogLevel.Information, "Ended the abandoned session of slot {Slot} (session present: {SessionPresent}) and released the slot")]
    private partial void LogEnded(int slot, bool sessionPresent);

    [LoggerMessage(LogLevel.Warning, "Lost the broker connection while ending the abandoned session of slot {Slot}")]
    private partial void LogDrainFailed(Exception ex, int slot);

    [LoggerMessage(LogLevel.Warning, "The abandoned session of slot {Slot} is still there; it is taken over again once its lease runs out")]
    private partial void LogLeft(int slot);

    [LoggerMessage(LogLevel.Warning, "Could not look for abandoned broker client slots")]
    private partial void LogClaimFailed(Exception ex);
}
