namespace Valmetal.Notifier.Sending;

/// <summary>A message a sender has leased and is about to send.</summary>
public sealed record OutgoingNotification(
    Guid Id, string IdempotencyKey, string Channel, string Address, string Subject, string Body, int Attempt, Guid? AlarmId, string? Topic);
