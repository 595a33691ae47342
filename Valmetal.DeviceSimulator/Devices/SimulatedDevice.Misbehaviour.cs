using MQTTnet;
using Valmetal.DeviceContract.DemoFleet;
using Valmetal.DeviceSimulator.Incidents;
using Valmetal.DeviceSimulator.Misbehaviour;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>
/// A misbehaving device now and then sends one bad message, going round every kind so each shows up in the
/// platform's rejected messages. The broker's refusal of a foreign topic is expected: logged, never fatal.
/// </summary>
public sealed partial class SimulatedDevice
{
    private readonly IncidentSchedule _misbehaviour;
    private readonly DemoEquipment? _victim;
    private int _misbehaviourCount;

    private async Task MisbehaveWhenDueAsync(DateTimeOffset now, IReadOnlyDictionary<string, double> metrics, CancellationToken ct)
    {
        if (_victim is null || _misbehaviour.Advance(now) != IncidentChange.Started)
        {
            return;
        }

        var kinds = Enum.GetValues<MisbehaviourKind>();
        var kind = kinds[_misbehaviourCount++ % kinds.Length];
        var message = BadMessage.Create(kind, Thing, _victim.Thing, _model, NextSeq(), now, metrics);
        var result = await PublishBytesAsync(message.Topic, message.Payload, retain: false, ct);
        LogMisbehaved(Thing, kind, message.Topic, result.ReasonCode);
    }

    [LoggerMessage(LogLevel.Information, "{Thing} misbehaved ({Kind}) on {Topic}; the broker answered {Reason}")]
    private partial void LogMisbehaved(string thing, MisbehaviourKind kind, string topic, MqttClientPublishReasonCode reason);
}
