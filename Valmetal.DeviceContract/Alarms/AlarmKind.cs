namespace Valmetal.DeviceContract.Alarms;

/// <summary>What raised an alarm; with the source (metric key, fault code, or <see cref="ConnectivitySource"/>) it
/// names the condition, and at most one alarm per device and condition is open at a time.</summary>
public static class AlarmKind
{
    public const string Threshold = "threshold";
    public const string Fault = "fault";
    public const string Offline = "offline";

    public const string ConnectivitySource = "connectivity";
}
