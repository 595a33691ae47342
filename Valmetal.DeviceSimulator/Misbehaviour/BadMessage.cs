using System.Text;
using System.Text.Json;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.DeviceSimulator.Misbehaviour;

/// <summary>One message that breaks the device contract in exactly the way its <see cref="Kind"/> says.</summary>
public sealed record BadMessage(MisbehaviourKind Kind, string Topic, byte[] Payload)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Builds the bad message from an honest sample (<paramref name="metrics"/> at <paramref name="now"/>), so only
    /// the intended fault differs from what the device would normally send.
    /// </summary>
    public static BadMessage Create(
        MisbehaviourKind kind,
        string thing,
        string foreignThing,
        EquipmentModelDefinition model,
        long seq,
        DateTimeOffset now,
        IReadOnlyDictionary<string, double> metrics)
    {
        var honest = new TelemetryPayload { Seq = seq, Ts = now, Metrics = metrics };
        return kind switch
        {
            MisbehaviourKind.MalformedJson => new(kind, Topics.Telemetry(thing), Truncated(honest)),
            MisbehaviourKind.OutOfRangeValue => new(kind, Topics.Telemetry(thing), Serialize(honest with { Metrics = OutOfRange(model, metrics) })),
            MisbehaviourKind.FutureTimestamp => new(kind, Topics.Telemetry(thing), Serialize(honest with { Ts = now + ClockSkew })),
            MisbehaviourKind.ForeignTopic => new(kind, Topics.Telemetry(foreignThing), Serialize(honest)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown misbehaviour."),
        };
    }

    private static byte[] Serialize(TelemetryPayload payload) => JsonSerializer.SerializeToUtf8Bytes(payload);

    private static byte[] Truncated(TelemetryPayload payload)
    {
        var json = JsonSerializer.Serialize(payload);
        return Encoding.UTF8.GetBytes(json[..(json.Length / 2)]);
    }

    /// <summary>The model's first metric pushed well past its valid maximum, the others left honest.</summary>
    private static Dictionary<string, double> OutOfRange(EquipmentModelDefinition model, IReadOnlyDictionary<string, double> metrics)
    {
        var broken = model.Metrics[0];
        return new Dictionary<string, double>(metrics)
        {
            [broken.Key] = broken.MaxValid + Math.Max(1, broken.MaxValid - broken.MinValid),
        };
    }
}
