using Microsoft.Extensions.Options;
using MQTTnet;
using Npgsql;
using Valmetal.BrokerClient;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.Ingestion.Slots;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>
/// This task's MQTT connection: it claims a client slot, keeps the slot's persistent session connected and
/// subscribed, and renews the slot's lease. Stopping gracefully ends the session once what it holds is stored and
/// frees the slot; a task that dies leaves both to <see cref="AbandonedSessionDrainer"/> or to the next task.
/// </summary>
public sealed partial class TelemetryBrokerConnection(
    TelemetrySessions sessions,
    BrokerSession session,
    ClientSlotStore slots,
    IOptions<IngestionOptions> ingestion,
    DeviceCatalogue catalogue,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<TelemetryBrokerConnection> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Guid _holder = Guid.NewGuid();
    private readonly CancellationTokenSource _connection = new();
    private readonly CancellationTokenSource _lease = new();
    private DeliveryTracker? _tracker;
    private int _slot;
    private volatile bool _slotLost;

    public bool IsConnected => _client.IsConnected;

    /// <summary>The slot this task holds, 0 until it has claimed one.</summary>
    public int Slot => Volatile.Read(ref _slot);

    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (_client.IsConnected)
        {
            // Live updates are best effort: a publish on a connection that is going away must not hold up the pipeline.
            await _client.PublishBoundedAsync(message, ct, within: TimeSpan.FromSeconds(2));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await catalogue.Loaded.WaitAsync(stoppingToken);
        var slot = await ClaimSlotAsync(stoppingToken);
        Volatile.Write(ref _slot, slot);
        LogClaimed(slot, sessions.ClientId(slot));
        _tracker = sessions.Attach(_client, stoppingToken);

        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _lease.Token);
        var renewing = WatchLeaseAsync(slot, lease.Token);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _connection.Token);
        try
        {
            await session.KeepConnectedAsync(_client, sessions.Persistent(slot), async ct =>
            {
                await sessions.SubscribeAsync(_client, ct);
                LogConnected(sessions.ClientId(slot));
            }, LogConnectFailed, connection.Token);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested)
        {
            // Stopping: StoppingAsync now owns the connection.
        }

        await renewing;
    }

    /// <summary>Runs before any hosted service stops, so the batch writer still stores what the session holds.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _connection.CancelAsync();
        var slot = Slot;
        if (_slotLost)
        {
            // The session is the new holder's now, with whatever it still holds: ending it here would throw that away.
            LogLeftToNewHolder(slot);
            return;
        }

        if (slot == 0 || _tracker is null || !_client.IsConnected)
        {
            return;
        }

        var ended = false;
        try
        {
            ended = await sessions.EndAsync(_client, slot, _tracker, ingestion.Value.DrainLimit, cancellationToken);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            LogEndFailed(ex, slot);
        }

        if (!ended)
        {
            // The session stays at the broker with its messages; its lease runs out and another task takes it over.
            LogLeftBehind(slot);
            return;
        }

        await _lease.CancelAsync();
        try
        {
            await slots.ReleaseAsync(slot, _holder, cancellationToken);
            LogReleased(slot);
        }
        catch (NpgsqlException ex)
        {
            // The row outlives its lease and another task finds an empty session: nothing is lost.
            LogReleaseFailed(ex, slot);
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

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _client.Dispose();
        _connection.Dispose();
        _lease.Dispose();
        base.Dispose();
    }

    private async Task<int> ClaimSlotAsync(CancellationToken ct)
    {
        var retry = ingestion.Value.SlotLease / 3;
        while (true)
        {
            try
            {
                if (await slots.TryClaimAsync(_holder, ct) is { } slot)
                {
                    return slot;
                }

                LogNoSlotFree(ingestion.Value.ClientSlots);
            }
            catch (NpgsqlException ex)
            {
                LogClaimFailed(ex);
            }

            await Task.Delay(retry, time, ct);
        }
    }

    private async Task WatchLeaseAsync(int slot, CancellationToken ct)
    {
        if (!await SlotRenewal.RenewUntilCancelledAsync(slots, slot, _holder, ingestion.Value.SlotLease, time, logger, ct))
        {
            // Another task took the slot over while this one could not renew it: two connections with one client id
            // would knock each other off, so this task stops and is replaced.
            LogSlotLost(slot);
            _slotLost = true;
            await _connection.CancelAsync();
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(LogLevel.Information, "Holding broker client slot {Slot}: client id {ClientId}")]
    private partial void LogClaimed(int slot, string clientId);

    [LoggerMessage(LogLevel.Information, "Connected to the broker as {ClientId} and subscribed")]
    private partial void LogConnected(string clientId);

    [LoggerMessage(LogLevel.Warning, "Broker connection failed; retrying")]
    private partial void LogConnectFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "All {Slots} broker client slots are held by running tasks; waiting for one to free up")]
    private partial void LogNoSlotFree(int slots);

    [LoggerMessage(LogLevel.Warning, "Could not claim a broker client slot; retrying")]
    private partial void LogClaimFailed(Exception ex);

    [LoggerMessage(LogLevel.Error, "Broker client slot {Slot} was taken over by another task; stopping")]
    private partial void LogSlotLost(int slot);

    [LoggerMessage(LogLevel.Warning, "The session of slot {Slot} belongs to the task that took the slot over; left to it")]
    private partial void LogLeftToNewHolder(int slot);

    [LoggerMessage(LogLevel.Warning, "Could not end the session of slot {Slot}")]
    private partial void LogEndFailed(Exception ex, int slot);

    [LoggerMessage(LogLevel.Warning, "The session of slot {Slot} still held messages; left for another task to take over")]
    private partial void LogLeftBehind(int slot);

    [LoggerMessage(LogLevel.Information, "Ended the session of slot {Slot} and released the slot")]
    private partial void LogReleased(int slot);

    [LoggerMessage(LogLevel.Warning, "Could not release broker client slot {Slot}")]
    private partial void LogReleaseFailed(Exception ex, int slot);
}
