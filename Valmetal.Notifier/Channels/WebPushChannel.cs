using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;
using Valmetal.DeviceContract.Notifications;
using Valmetal.DeviceContract.Schema;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier.Channels;

/// <summary>
/// Web Push to a browser that subscribed (the installed PWA): the payload is encrypted for the subscription's keys
/// (RFC 8291) and the request signed with our VAPID key (RFC 8292). A subscription the push service no longer knows
/// (404, 410) is deleted, and the message marked undeliverable.
/// </summary>
public sealed class WebPushChannel(
    PushServiceClient client, NpgsqlDataSource dataSource, IOptions<ChannelOptions> channels, IOptions<NotifierOptions> notifier) : INotificationChannel
{
    [Sql]
    private const string Keys = $"select p256dh, auth from {Tables.PushSubscriptions} where endpoint = @endpoint";
    [Sql]
    private const string Forget = $"delete from {Tables.PushSubscriptions} where endpoint = @endpoint";

    public string Name => NotificationChannel.Push;

    public async Task SendAsync(OutgoingNotification message, CancellationToken ct)
    {
        var subscription = await SubscriptionAsync(message.Address, ct)
            ?? throw new UndeliverableException("the browser's subscription was removed (signed out, or another user signed in)");
        var payload = JsonSerializer.Serialize(PushPayload.From(message, notifier.Value.WebBaseUrl!), PushPayload.Json);
        var push = new PushMessage(payload)
        {
            // The push service keeps only the newest undelivered message of a topic: a phone that was off gets the latest.
            Topic = message.Topic is null ? null : PushPayload.TopicOf(message.Topic),
            Urgency = PushMessageUrgency.High,
            TimeToLive = (int)TimeSpan.FromDays(1).TotalSeconds,
        };
        var settings = channels.Value;
        var vapid = new VapidAuthentication(settings.VapidPublicKey, settings.VapidPrivateKey) { Subject = settings.VapidSubject };
        try
        {
            // RFC 8292's "vapid" scheme (t=token, k=key), which every current push service takes.
            await client.RequestPushMessageDeliveryAsync(subscription, push, vapid, VapidAuthenticationScheme.Vapid, ct);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            await using var forget = dataSource.CreateCommand(Forget);
            forget.Parameters.Add(new NpgsqlParameter<string>("endpoint", message.Address));
            await forget.ExecuteNonQueryAsync(ct);
            throw new UndeliverableException($"the push service no longer knows the subscription ({(int)ex.StatusCode})", ex);
        }
    }

    private async Task<PushSubscription?> SubscriptionAsync(string endpoint, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Keys);
        command.Parameters.Add(new NpgsqlParameter<string>("endpoint", endpoint));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var subscription = new PushSubscription { Endpoint = endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, reader.GetString(0));
        subscription.SetKey(PushEncryptionKeyName.Auth, reader.GetString(1));
        return subscription;
    }
}
