using Valmetal.DeviceContract.Alarms;

namespace Valmetal.DeviceContract.Notifications;

/// <summary>What a farm member hears who has not chosen: the API shows it as their setting, the notifier applies it.</summary>
public static class NotificationDefaults
{
    /// <summary>The least severe alarm told by default.</summary>
    public const string MinimumSeverity = AlarmSeverity.Major;

    /// <summary>A user's language in SQL (alias <c>u</c> for <c>users</c>): theirs, else <see cref="LanguageCodes.Default"/>.</summary>
    public const string LanguageSql = $"coalesce(u.language, '{LanguageCodes.Default}')";
}
