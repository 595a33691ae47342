namespace Valmetal.Api.Contracts;

/// <summary>What one user hears about one farm; times are on the farm's clock (HH:mm).</summary>
public sealed record FarmNotificationSettings(
    Guid FarmId, string FarmName, bool Email, bool Push, bool Sms, string MinimumSeverity, TimeOnly? QuietFrom, TimeOnly? QuietUntil);

public sealed record NotificationSettingsResponse(string? Phone, string? Language, IReadOnlyList<FarmNotificationSettings> Farms);

/// <summary>A browser's push subscription as <c>PushSubscription.toJSON()</c> gives it.</summary>
public sealed record PushSubscriptionRequest(string Endpoint, PushKeys Keys);

public sealed record PushKeys(string P256dh, string Auth);

public sealed record NotificationLogEntry(
    Guid Id, DateTimeOffset CreatedAt, string Kind, string Channel, string Recipient, string? FarmName, string Subject, string Status,
    int Attempts, int Count, DateTimeOffset? SentAt, string? LastError);

/// <summary>A farm's escalation: the delay before an unacknowledged alarm goes further, and the technicians it goes to, in order.</summary>
public sealed record EscalationSettings(int EscalationMinutes, IReadOnlyList<string> Contacts);
