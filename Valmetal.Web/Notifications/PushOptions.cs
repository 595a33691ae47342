namespace Valmetal.Web.Notifications;

/// <summary>The <c>Push</c> section: the VAPID public key browsers subscribe with, the pair of the notifier's private key.</summary>
public sealed class PushOptions
{
    public const string SectionName = "Push";

    /// <summary>Base64url, an uncompressed P-256 point; empty where push is not set up (the page then says so).</summary>
    public string VapidPublicKey { get; set; } = string.Empty;
}
