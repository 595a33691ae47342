namespace Valmetal.Telemetry.Presence;

/// <summary>What a batch learned about a device's connectivity: when it was last heard from, and any status it sent.</summary>
public sealed record PresenceUpdate(string Thing, DateTimeOffset LastSeen, bool? Online, DateTimeOffset? StatusChangedAt);

/// <summary>A device that came online or went offline, as decided by <see cref="PresenceStore"/>.</summary>
public sealed record PresenceTransition(string Thing, bool Online, DateTimeOffset At);
