namespace Valmetal.DeviceContract.Notifications;

/// <summary>How a person is told about an alarm; the values stored in <c>notifications.channel</c> and in preferences.</summary>
public static class NotificationChannel
{
    public const string Email = "email";
    public const string Push = "push";
    public const string Sms = "sms";

    public static readonly IReadOnlyList<string> All = [Email, Push, Sms];
}
