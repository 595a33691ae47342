using System.ComponentModel.DataAnnotations;

namespace Valmetal.Notifier.Channels;

/// <summary>How each channel sends, bound from <c>Notifier:Channels</c>.</summary>
public sealed class ChannelOptions : IValidatableObject
{
    public const string SectionName = "Notifier:Channels";

    /// <summary><c>Smtp</c> locally (MailKit to maildev), <c>Ses</c> in AWS (SendEmail, signed with the task role).</summary>
    [Required]
    public EmailTransport Email { get; set; } = EmailTransport.Ses;

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    /// <summary>SES's regional endpoint (<c>https://email.{region}.amazonaws.com</c>) unless set.</summary>
    public Uri? SesUrl { get; set; }

    /// <summary>SNS's regional endpoint unless set; locally the SMS capture (a fake of SNS's Publish, see the AppHost).</summary>
    public Uri? SnsUrl { get; set; }

    /// <summary>Shown to recipients as the SMS sender where carriers allow one.</summary>
    [StringLength(11)]
    public string? SmsSenderId { get; set; }

    /// <summary>VAPID: who runs this push sender (a <c>mailto:</c> or https URL) and its key pair (base64url, P-256).</summary>
    [Required]
    public string? VapidSubject { get; set; }

    [Required]
    public string? VapidPublicKey { get; set; }

    [Required]
    public string? VapidPrivateKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Email == EmailTransport.Smtp && string.IsNullOrWhiteSpace(SmtpHost))
        {
            yield return new ValidationResult("is required when e-mail goes over SMTP", [nameof(SmtpHost)]);
        }
    }
}

public enum EmailTransport
{
    Smtp,
    Ses,
}
