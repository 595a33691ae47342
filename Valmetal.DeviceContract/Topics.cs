namespace Valmetal.DeviceContract;

/// <summary>
/// Topic names of the device contract; the same on Mosquitto and AWS IoT Core. Every topic and filter is built here:
/// the prefixes are private so nobody spells a topic by hand (a source scan, LiteralHomeTests, also looks for the pieces).
/// </summary>
public static class Topics
{
    private const string DataPrefix = "dt/valmetal/";
    private const string CommandPrefix = "cmd/valmetal/";
    private const string LivePrefix = "app/valmetal/live/";
    private const string ConfigLevel = "config";
    private const string RequestLevel = "req";
    private const string ResponseLevel = "res";

    /// <summary>MQTT's one-level wildcard: in place of a thing name (or a command id) it makes a filter over all of them.</summary>
    public const string AnyLevel = "+";

    /// <summary>The device's data topics, in the order the broker rules list them.</summary>
    public static IReadOnlyList<DeviceTopicKind> DeviceKinds { get; } = [.. Enum.GetValues<DeviceTopicKind>().Where(k => k != DeviceTopicKind.Unknown)];

    public static string Telemetry(string thing) => Device(thing, DeviceTopicKind.Telemetry);
    public static string Events(string thing) => Device(thing, DeviceTopicKind.Events);
    public static string State(string thing) => Device(thing, DeviceTopicKind.State);
    public static string Status(string thing) => Device(thing, DeviceTopicKind.Status);

    /// <summary><c>dt/valmetal/{thing}/{kind}</c>: what a device publishes.</summary>
    public static string Device(string thing, DeviceTopicKind kind) => $"{DataPrefix}{thing}/{Level(kind)}";

    /// <summary><c>cmd/valmetal/{thing}/config</c>: the desired configuration, retained.</summary>
    public static string Config(string thing) => $"{CommandPrefix}{thing}/{ConfigLevel}";

    /// <summary><c>cmd/valmetal/{thing}/req/{commandId}</c>: a command to the device.</summary>
    public static string CommandRequest(string thing, string commandId) => $"{CommandPrefix}{thing}/{RequestLevel}/{commandId}";

    public static string CommandRequest(string thing, Guid commandId) => CommandRequest(thing, CommandId(commandId));

    /// <summary><c>cmd/valmetal/{thing}/res/{commandId}</c>: the device's answers to that command.</summary>
    public static string CommandResponse(string thing, string commandId) => $"{CommandPrefix}{thing}/{ResponseLevel}/{commandId}";

    public static string CommandResponse(string thing, Guid commandId) => CommandResponse(thing, CommandId(commandId));

    public static string Live(Guid farmId) => Live(farmId.ToString("D"));

    /// <summary><c>app/valmetal/live/{farm}</c>; <see cref="AnyLevel"/> for every farm's.</summary>
    public static string Live(string farm) => $"{LivePrefix}{farm}";

    /// <summary>The last level of a device's data topic: the kind's name in lower case, so the enum is the one list.</summary>
    public static string Level(DeviceTopicKind kind) => KindLevels[(int)kind];

    /// <summary>Splits <c>cmd/valmetal/{thing}/req/{commandId}</c>; false for anything else.</summary>
    public static bool TryParseCommandRequest(string topic, out string thing, out Guid commandId) =>
        TryParseCommand(topic, RequestLevel, out thing, out commandId);

    /// <summary>Splits <c>cmd/valmetal/{thing}/res/{commandId}</c>; false for anything else.</summary>
    public static bool TryParseCommandResponse(string topic, out string thing, out Guid commandId) =>
        TryParseCommand(topic, ResponseLevel, out thing, out commandId);

    /// <summary>Splits <c>dt/valmetal/{thing}/{kind}</c>; false for anything else.</summary>
    public static bool TryParseDeviceTopic(string topic, out string thing, out DeviceTopicKind kind)
    {
        thing = string.Empty;
        kind = default;
        if (!topic.StartsWith(DataPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(DataPrefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var candidate = rest[..slash].ToString();
        if (!KindsByLevel.TryGetValue(rest[(slash + 1)..], out kind) || !ThingName.IsValid(candidate))
        {
            kind = default;
            return false;
        }

        thing = candidate;
        return true;
    }

    /// <summary>Command ids travel in topics as 32 hex digits, without dashes.</summary>
    private static string CommandId(Guid commandId) => commandId.ToString("N");

    private static bool TryParseCommand(string topic, string level, out string thing, out Guid commandId)
    {
        thing = string.Empty;
        commandId = Guid.Empty;
        if (!topic.StartsWith(CommandPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = topic[CommandPrefix.Length..].Split('/');
        if (parts.Length != 3 || parts[1] != level || !ThingName.IsValid(parts[0]) || !Guid.TryParseExact(parts[2], "N", out commandId))
        {
            return false;
        }

        thing = parts[0];
        return true;
    }

    private static readonly string[] KindLevels = [.. Enum.GetValues<DeviceTopicKind>().Select(k => k.ToString().ToLowerInvariant())];

    private static readonly Dictionary<string, DeviceTopicKind>.AlternateLookup<ReadOnlySpan<char>> KindsByLevel =
        DeviceKinds.ToDictionary(Level, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
