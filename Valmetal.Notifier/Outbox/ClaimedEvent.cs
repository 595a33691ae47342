using Valmetal.Notifier.Messages;

namespace Valmetal.Notifier.Outbox;

/// <summary>An outbox row claimed by this task, with the alarm it tells about.</summary>
public sealed record ClaimedEvent(long Id, string Kind, string Severity, AlarmFacts Alarm, int EscalationMinutes);
