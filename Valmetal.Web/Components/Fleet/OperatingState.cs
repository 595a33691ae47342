using System.Text.Json.Nodes;

namespace Valmetal.Web.Components.Fleet;

public enum OperatingState
{
    Running,
    Idle,
    Fault,
    Offline,
}

/// <summary>
/// One word for what a unit is doing, from what it last reported: silent units are offline whatever they said,
/// a reported fault (or an active critical alarm) wins over the mode, and a stopped mode is idle.
/// </summary>
public static class OperatingStates
{
    private const string FaultMode = "fault";

    private static readonly HashSet<string> IdleModes = new(StringComparer.OrdinalIgnoreCase) { "stopped", "idle", "off", "standby" };

    public static OperatingState Of(bool online, JsonObject? reported, bool criticalAlarm) => Combine(online, FromReported(reported), criticalAlarm);

    public static OperatingState Combine(bool online, OperatingState reported, bool criticalAlarm) =>
        !online ? OperatingState.Offline : criticalAlarm ? OperatingState.Fault : reported;

    /// <summary>What the unit's own report says: fault, idle or running.</summary>
    public static OperatingState FromReported(JsonObject? reported)
    {
        var mode = reported?["mode"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        // A unit says it is in fault either way: a fault flag, or its mode (the simulator's "mode": "fault", with "fault_code").
        if (IsTrue(reported?["fault"]) || string.Equals(mode, FaultMode, StringComparison.OrdinalIgnoreCase))
        {
            return OperatingState.Fault;
        }

        return mode is not null && IdleModes.Contains(mode) ? OperatingState.Idle : OperatingState.Running;
    }

    public static bool IsCritical(string severity) => string.Equals(severity, "critical", StringComparison.OrdinalIgnoreCase);

    public static string Label(OperatingState state) => state.ToString().ToLowerInvariant();

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
