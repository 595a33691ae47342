using System.Diagnostics.CodeAnalysis;
using Valmetal.DeviceContract;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>
/// A received message's topic, parsed once on arrival: the lookup of things registered since the catalogue was
/// loaded and the router both need the thing it names. A struct, so parsing costs no more than the thing's name.
/// </summary>
public readonly record struct IncomingTopic
{
    private IncomingTopic(string name, string? thing, DeviceTopicKind kind, Guid? answeredCommand)
    {
        Name = name;
        Thing = thing;
        Kind = kind;
        AnsweredCommand = answeredCommand;
    }

    public string Name { get; }

    /// <summary>The thing a device data topic or a command answer's topic names; null for any other topic.</summary>
    public string? Thing { get; }

    /// <summary>Which of the device's data topics it is; <see cref="DeviceTopicKind.Unknown"/> for any other topic.</summary>
    public DeviceTopicKind Kind { get; }

    /// <summary>The command a command answer's topic names; null for any other topic.</summary>
    public Guid? AnsweredCommand { get; }

    [MemberNotNullWhen(true, nameof(Thing))]
    public bool IsDeviceData => Kind != DeviceTopicKind.Unknown;

    [MemberNotNullWhen(true, nameof(Thing), nameof(AnsweredCommand))]
    public bool IsCommandAnswer => AnsweredCommand is not null;

    public static IncomingTopic Parse(string name) =>
        Topics.TryParseCommandResponse(name, out var answering, out var commandId) ? new(name, answering, DeviceTopicKind.Unknown, commandId)
        : Topics.TryParseDeviceTopic(name, out var thing, out var kind) ? new(name, thing, kind, null)
        : new(name, null, DeviceTopicKind.Unknown, null);
}
