namespace Valmetal.Notifier.Outbox;

/// <summary>One message to write to the <c>notifications</c> table: who, on which channel, and from when it may be sent.</summary>
public sealed record Delivery(
    string IdempotencyKey, string? UserSub, string Address, string Channel, string Language, DateTimeOffset NotBefore);
