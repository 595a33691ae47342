namespace Valmetal.DeviceContract;

/// <summary>Topic names of the device contract; the same on Mosquitto and AWS IoT Core.</summary>
public static class Topics
{
    public const string DataPrefix = "dt/valmetal/";
    public const string CommandPrefix = "cmd/valmetal/";
    public const string LivePrefix = "app/valmetal/live/";

    public static string Telemetry(string thing) => $"{DataPrefix}{thing}/telemetry";
    public static string Events(string thing) => $"{DataPrefix}{thing}/events";
    public static string State(string thing) => $"{DataPrefix}{thing}/state";
    public static string Status(string thing) => $"{DataPrefix}{thing}/status";
    public static string Config(string thing) => $"{CommandPrefix}{thing}/config";
    public static string Live(Guid farmId) => $"{LivePrefix}{farmId:D}";

    public static string CommandResponse(string thing, string commandId) => $"{CommandPrefix}{thing}/res/{commandId}";

    /// <summary>Splits <c>cmd/valmetal/{thing}/res/{commandId}</c>; false for anything else.</summary>
    public static bool TryParseCommandResponse(string topic, out string thing, out Guid commandId)
    {
        thing = string.Empty;
        commandId = Guid.Empty;
        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "cmd" || parts[1] != "valmetal" || parts[3] != "res"
            || !ThingName.IsValid(parts[2]) || !Guid.TryParseExact(parts[4], "N", out commandId))
        {
            return false;
        }

        thing = parts[2];
        return true;
    }

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
        kind = rest[(slash + 1)..] switch
        {
            "telemetry" => DeviceTopicKind.Telemetry,
            "events" => DeviceTopicKind.Events,
            "state" => DeviceTopicKind.State,
            "status" => DeviceTopicKind.Status,
            _ => DeviceTopicKind.Unknown,
        };
        if (kind == DeviceTopicKind.Unknown || !ThingName.IsValid(candidate))
        {
            return false;
        }

        thing = candidate;
        return true;
    }
}

public enum DeviceTopicKind
{
    Unknown,
    Telemetry,
    Events,
    State,
    Status,
}
