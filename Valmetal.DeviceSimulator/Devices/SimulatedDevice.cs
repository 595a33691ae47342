using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.Connection;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceSimulator.Backfill;
using Valmetal.DeviceSimulator.Incidents;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>
/// One barn device as the contract describes it: its own certificate and MQTT 5 session, a retained status with a
/// will message, reported state on connect, and a sample every interval, published live or buffered for backfill.
/// Faults, overheats, offline bursts and misbehaviour live in the other parts of this class.
/// </summary>
public sealed partial class SimulatedDevice : IDisposable
{
    private readonly DemoEquipment _equipment;
    private readonly EquipmentModelDefinition _model;
    private readonly BrokerConnectionOptions _broker;
    private readonly SimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<MetricSignal> _signals;
    private readonly Random _random = new();
    private readonly BackfillBuffer _backlog;
    private readonly ReconnectSchedule _reconnect;

    // The tick loop and command handlers (on MQTTnet's thread) both publish fault changes.
    private readonly SemaphoreSlim _faultGate = new(1, 1);

    private long _seq;
    private long _reportedVersion;

    public SimulatedDevice(DemoEquipment equipment, BrokerConnectionOptions broker, SimulatorOptions options, DemoEquipment? misbehavesTowards, ILogger logger)
    {
        _equipment = equipment;
        _model = Fleet.ModelOf(equipment);
        _broker = broker;
        _options = options;
        _logger = logger;
        _signals = _model.Metrics.Select(m => new MetricSignal(m, new Random(HashCode.Combine(equipment.Thing, m.Key)))).ToList();
        _backlog = new BackfillBuffer(options.OfflineBufferSamples);
        _reconnect = new ReconnectSchedule(ReconnectBackoff.Default, _random);
        // Its own Random: a reset_fault command moves this schedule from another thread (under _faultGate).
        _faults = new IncidentSchedule(new Random(), options.FaultMeanInterval, options.FaultDuration);
        _overheats = new IncidentSchedule(_random, options.OverheatMeanInterval, options.OverheatDuration);
        _offline = new IncidentSchedule(_random, options.OfflineMeanInterval, options.OfflineDuration);
        _misbehaviour = new IncidentSchedule(_random, options.MisbehaviourMeanInterval, TimeSpan.Zero);
        _victim = misbehavesTowards;
    }

    public string Thing => _equipment.Thing;

    public async Task RunAsync(CancellationToken ct)
    {
        _client.ApplicationMessageReceivedAsync += e => HandleAsync(e.ApplicationMessage, ct);
        var options = BrokerClientOptions.CreateBuilder(_broker, Thing)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithWillTopic(Topics.Status(Thing))
            .WithWillPayload(JsonSerializer.SerializeToUtf8Bytes(new StatusPayload(false, DateTimeOffset.UtcNow)))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain()
            .Build();

        using var timer = new PeriodicTimer(_options.Interval);
        do
        {
            await TickAsync(options, ct);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_client.IsConnected)
        {
            // A clean goodbye: say offline ourselves, since the broker sends no will on a normal disconnect.
            await PublishAsync(Topics.Status(Thing), new StatusPayload(false, DateTimeOffset.UtcNow), retain: true, ct);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), ct);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _faultGate.Dispose();
    }

    /// <summary>One sample; live when the link is up and nothing older is waiting, else into the backlog first.</summary>
    private async Task TickAsync(MqttClientOptions options, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var sample = Sample(now);
        var buffered = false;
        try
        {
            if (await IsOfflineAsync(now, ct))
            {
                _backlog.Add(sample);
                return;
            }

            if (!_client.IsConnected)
            {
                // Backing off (the contract's jittered schedule): the sample waits in the buffer like any offline one.
                if (!_reconnect.IsDue(now))
                {
                    _backlog.Add(sample);
                    return;
                }

                await ConnectAsync(options, ct);
            }

            await ReconcileFaultAsync(now, ct);
            if (_backlog.Count == 0)
            {
                var result = await PublishAsync(Topics.Telemetry(Thing), new TelemetryPayload { Seq = NextSeq(), Ts = sample.Ts, Metrics = sample.Metrics }, retain: false, ct);
                if (PublishAnswers.Classify(result) == PublishAnswer.NotYetTaken)
                {
                    _backlog.Add(sample);
                }
            }
            else
            {
                _backlog.Add(sample);
                buffered = true;
                await DrainBacklogAsync(ct);
            }

            await MisbehaveWhenDueAsync(now, sample.Metrics, ct);
        }
        catch (Exception ex) when (BoundedCalls.IsLinkFailure(ex))
        {
            if (!buffered)
            {
                _backlog.Add(sample);
            }

            LogPublishFailed(ex, Thing, _reconnect.Failed(DateTimeOffset.UtcNow).TotalSeconds);
        }
    }

    private TelemetrySample Sample(DateTimeOffset now)
    {
        var metrics = _signals.ToDictionary(s => s.Key, s => s.Read(now));
        ApplyOverheat(now, metrics);
        return new TelemetrySample(now, metrics);
    }

    private async Task ConnectAsync(MqttClientOptions options, CancellationToken ct)
    {
        await _client.ConnectBoundedAsync(options, ct, DeviceDeadlines.ConnectAttempt);
        await _client.SubscribeBoundedAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.Config(Thing)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic(Topics.CommandRequest(Thing, Topics.AnyLevel)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), ct);
        await PublishAsync(Topics.Status(Thing), new StatusPayload(true, DateTimeOffset.UtcNow), retain: true, ct);
        await PublishAsync(Topics.State(Thing), new StatePayload(new JsonObject
        {
            ["firmware"] = _equipment.Firmware,
            ["mode"] = _announcedFault is null ? "auto" : "fault",
            ["model"] = _equipment.ModelCode,
        }, NextStateVersion()), retain: false, ct);
        _reconnect.Connected();
        LogConnected(Thing);
    }

    private long NextSeq() => Interlocked.Increment(ref _seq);

    private long NextStateVersion() => Interlocked.Increment(ref _reportedVersion);

    private Task<MqttClientPublishResult> PublishAsync<T>(string topic, T payload, bool retain, CancellationToken ct) =>
        PublishBytesAsync(topic, JsonSerializer.SerializeToUtf8Bytes(payload), retain, ct);

    /// <summary>QoS 1: the returned PUBACK says whether the platform took it; a refusal is logged, not thrown.</summary>
    private async Task<MqttClientPublishResult> PublishBytesAsync(string topic, byte[] payload, bool retain, CancellationToken ct)
    {
        var result = await _client.PublishBoundedAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build(), ct, DeviceDeadlines.Acknowledgement);
        switch (PublishAnswers.Classify(result))
        {
            case PublishAnswer.NotYetTaken:
                LogNotYetTaken(topic, result.ReasonCode.ToString());
                break;
            case PublishAnswer.Refused:
                LogRefused(topic, result.ReasonCode.ToString());
                break;
        }

        return result;
    }

    [LoggerMessage(LogLevel.Information, "{Thing} connected")]
    private partial void LogConnected(string thing);

    [LoggerMessage(LogLevel.Warning, "{Thing} could not publish; sampling into its buffer and reconnecting in {Seconds:0.0} s at the earliest")]
    private partial void LogPublishFailed(Exception ex, string thing, double seconds);

    [LoggerMessage(LogLevel.Information, "Nobody took a publish on {Topic} yet ({Reason}); telemetry stays buffered and goes again")]
    private partial void LogNotYetTaken(string topic, string reason);

    [LoggerMessage(LogLevel.Warning, "The broker refused a publish on {Topic}: {Reason}")]
    private partial void LogRefused(string topic, string reason);
}
