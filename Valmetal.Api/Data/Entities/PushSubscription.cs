namespace Valmetal.Api.Data.Entities;

/// <summary>
/// A browser's Web Push subscription for one signed-in user. The endpoint is the browser's: one user per endpoint, so
/// another user signing in on the same phone takes it over, and signing out removes it.
/// </summary>
public sealed class PushSubscription
{
    public required string Endpoint { get; set; }
    public required string UserSub { get; set; }
    public required string P256dh { get; set; }
    public required string Auth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
