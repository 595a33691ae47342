using System.Text.Json;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier.Channels;

/// <summary>
/// What the service worker's <c>push</c> handler receives (Valmetal.Web/wwwroot/service-worker.js): the notification's
/// title and text, the alarm page it opens on a tap, and a tag so a newer message about the same condition replaces
/// the older one on the phone.
/// </summary>
public sealed record PushPayload(string Title, string Body, string Url, string? Tag)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PushPayload From(OutgoingNotification message, Uri webBaseUrl) => new(
        message.Subject,
        message.Body,
        new Uri(webBaseUrl, message.AlarmId is { } alarm ? $"alarms?alarm={alarm}" : "account/notifications").ToString(),
        message.Topic);

    /// <summary>RFC 8030's Topic header: at most 32 characters of the URL-safe base64 alphabet.</summary>
    public static string TopicOf(string topic) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(topic)))[..32];
}
