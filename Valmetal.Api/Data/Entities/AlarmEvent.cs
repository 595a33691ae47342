namespace Valmetal.Api.Data.Entities;

/// <summary>
/// The notification outbox: one row per alarm raised, made worse or cleared, written by the telemetry service in the
/// same statement that changes the alarm (Valmetal.Telemetry/Alarms/AlarmStore.cs), so no change is told without
/// having happened and none that happened goes untold; and one per test a user asks for on the account page. The
/// notifier turns each into messages in each recipient's language, then marks it handled.
/// </summary>
public sealed class AlarmEvent
{
    public long Id { get; set; }

    /// <summary>The alarm changed; null for a test.</summary>
    public Guid? AlarmId { get; set; }

    /// <summary>Who asked for a test message; null for an alarm's change.</summary>
    public string? UserSub { get; set; }

    /// <summary><c>Valmetal.DeviceContract.Notifications.AlarmEventKind</c>.</summary>
    public required string Kind { get; set; }

    public required string Severity { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}
