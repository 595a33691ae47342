namespace Valmetal.DeviceContract.Schema;

/// <summary>
/// When a device counts as online: it is marked online (its last status message or data said so) and it has been
/// heard from within its model's inactivity timeout. The API shows it, the admin health page counts it, and the
/// telemetry service's sweep marks offline the devices marked online that fail it; all three use this rule.
/// </summary>
public static class OnlineRule
{
    /// <summary>For a device's state read from the shadow.</summary>
    public static bool IsOnline(bool markedOnline, DateTimeOffset? lastSeen, TimeSpan inactivityTimeout, DateTimeOffset now) =>
        markedOnline && lastSeen is { } seen && now - seen <= inactivityTimeout;

    /// <summary>
    /// The device has been heard from within its timeout, in SQL over <c>p</c> (<see cref="Tables.DevicePresence"/>)
    /// joined to <c>m</c> (<see cref="Tables.EquipmentModels"/>).
    /// </summary>
    public const string HeardFromRecentlySql = "p.last_seen >= now() - make_interval(secs => m.inactivity_timeout_seconds)";

    /// <summary>The rule in SQL, over the same aliases as <see cref="HeardFromRecentlySql"/>.</summary>
    public const string IsOnlineSql = $"(p.online and {HeardFromRecentlySql})";

    /// <summary>Marked online but silent for longer than the timeout: what the sweep marks offline.</summary>
    public const string SilentSql = $"(p.online and not {HeardFromRecentlySql})";
}
