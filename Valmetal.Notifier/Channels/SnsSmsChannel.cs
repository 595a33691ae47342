using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Sns;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier.Channels;

/// <summary>SMS through SNS's Publish, signed with the task role; transactional, so carriers deliver it at once.</summary>
public sealed class SnsSmsChannel(SnsClient sns, IOptions<ChannelOptions> channels) : INotificationChannel
{
    public string Name => NotificationChannel.Sms;

    public async Task SendAsync(OutgoingNotification message, CancellationToken ct)
    {
        try
        {
            await sns.PublishSmsAsync(message.Address, message.Body, SmsType.Transactional, channels.Value.SmsSenderId, ct);
        }
        catch (SnsRejectedException ex)
        {
            throw new UndeliverableException($"SNS refused the message: {ex.Code}", ex);
        }
    }
}
