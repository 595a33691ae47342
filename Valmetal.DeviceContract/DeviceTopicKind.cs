namespace Valmetal.DeviceContract;

/// <summary>
/// What a device publishes, one topic each (<see cref="Topics.Device"/>): the one list of them. Each name, in lower
/// case, is its topic's last level; the broker rules, the parser and the telemetry service follow this list.
/// </summary>
public enum DeviceTopicKind
{
    Unknown,
    Telemetry,
    Events,
    State,
    Status,
}
