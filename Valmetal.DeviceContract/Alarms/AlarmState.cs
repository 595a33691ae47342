namespace Valmetal.DeviceContract.Alarms;

/// <summary>An alarm's life: active (unacknowledged) → acknowledged → cleared. A condition that ends before anyone
/// acknowledged it clears the alarm too; the history then shows it was never acknowledged.</summary>
public static class AlarmState
{
    public const string Active = "active";
    public const string Acknowledged = "acknowledged";
    public const string Cleared = "cleared";
}
