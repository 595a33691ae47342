namespace Valmetal.DeviceContract.Notifications;

/// <summary>
/// What happened to an alarm, as the outbox (<c>alarm_events</c>) records it in the transaction that changed the alarm:
/// raised (new, or worse than it was), cleared. Escalations and test messages are the notifier's own.
/// </summary>
public static class AlarmEventKind
{
    public const string Raised = "raised";
    public const string Cleared = "cleared";
    public const string Escalated = "escalated";
    public const string Test = "test";
}
