namespace Valmetal.Notifier.Outbox;

/// <summary>A person who may be told about a farm's alarms, with what they chose for that farm (null: not chosen).</summary>
public sealed record FarmMember(
    string Sub, string Email, string? Phone, string Language, string Role,
    bool? ByEmail, bool? ByPush, bool? BySms, string? MinimumSeverity, TimeOnly? QuietFrom, TimeOnly? QuietUntil);
