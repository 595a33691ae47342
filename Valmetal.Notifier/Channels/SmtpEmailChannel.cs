using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier.Channels;

/// <summary>
/// E-mail over SMTP (MailKit), the local stack's transport to maildev. In AWS e-mail goes through SES's API with the
/// task role (<see cref="SesEmailChannel"/>), so no SMTP credentials exist to leak.
/// </summary>
public sealed class SmtpEmailChannel(IOptions<ChannelOptions> channels, IOptions<NotifierOptions> notifier) : INotificationChannel
{
    public string Name => NotificationChannel.Email;

    public async Task SendAsync(OutgoingNotification message, CancellationToken ct)
    {
        var mail = EmailMessage.Build(message, notifier.Value.FromAddress!);
        using var client = new SmtpClient();
        await client.ConnectAsync(channels.Value.SmtpHost!, channels.Value.SmtpPort, SecureSocketOptions.None, ct);
        try
        {
            await client.SendAsync(mail, ct);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted)
        {
            throw new UndeliverableException($"the SMTP server refused the recipient ({ex.StatusCode})", ex);
        }
        finally
        {
            await client.DisconnectAsync(quit: true, ct);
        }
    }
}

/// <summary>The e-mail every transport sends: plain text, and a Message-Id from the idempotency key, so a repeat is recognisably the same message.</summary>
public static class EmailMessage
{
    public static MimeMessage Build(OutgoingNotification message, string from)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Subject = message.Subject;
        mail.MessageId = MessageId(message);
        mail.Body = new TextPart("plain") { Text = message.Body };
        return mail;
    }

    public static string MessageId(OutgoingNotification message) =>
        $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.IdempotencyKey)))[..32].ToLowerInvariant()}@notifications.valmetal.connect";
}
