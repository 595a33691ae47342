namespace Valmetal.DeviceContract.Notifications;

/// <summary>Where a notification stands (<c>notifications.status</c>): waiting to be sent, sent, or given up on.</summary>
public static class NotificationStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Delivered, Failed];
}
