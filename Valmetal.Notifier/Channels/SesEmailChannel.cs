using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Ses;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier.Channels;

/// <summary>E-mail in AWS: SES v2's SendEmail with the task role, from the identity the CDK verified.</summary>
public sealed class SesEmailChannel(SesClient ses, IOptions<NotifierOptions> notifier) : INotificationChannel
{
    public string Name => NotificationChannel.Email;

    public async Task SendAsync(OutgoingNotification message, CancellationToken ct)
    {
        try
        {
            await ses.SendEmailAsync(notifier.Value.FromAddress!, message.Address, message.Subject, message.Body, ct);
        }
        catch (SesRejectedException ex)
        {
            throw new UndeliverableException($"SES refused the message: {ex.Code}", ex);
        }
    }
}
