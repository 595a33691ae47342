using System.ComponentModel.DataAnnotations;
using Valmetal.DeviceContract.Alarms;

namespace Valmetal.Notifier;

public sealed class NotifierOptions : IValidatableObject
{
    public const string SectionName = "Notifier";

    /// <summary>The web app's public address: every message links to the alarm there.</summary>
    [Required]
    public Uri? WebBaseUrl { get; set; }

    /// <summary>Told by e-mail after a farm's last escalation contact (the environment's Valmetal support desk).</summary>
    [Required, EmailAddress]
    public string? SupportEmail { get; set; }

    /// <summary>The language the support contact is written to.</summary>
    public string SupportLanguage { get; set; } = "fr-CA";

    /// <summary>The sender of every e-mail (an identity SES has verified in AWS).</summary>
    [Required, EmailAddress]
    public string? FromAddress { get; set; }

    /// <summary>How often the outbox, the due messages and the escalations are read; an alarm is told within this and a send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Messages a replica sends at once, and so claims at once.</summary>
    [Range(1, 64)]
    public int ParallelSends { get; set; } = 8;

    /// <summary>
    /// How long a sender holds a message it claimed: one that dies mid-send lets another send it after this. A send is
    /// given up after half of it (and tried again later).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before a message is given up as failed; waits double from <see cref="FirstRetryDelay"/>.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One message per recipient, channel and alarm condition in this window; changes within it are counted into the next.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one minute of a farm's escalation delay lasts: a minute everywhere but in the end-to-end suite, which
    /// cannot spend minutes waiting for each step.
    /// </summary>
    public TimeSpan EscalationMinute { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A farm's escalation delay (whole minutes, as its admin sets it) in time.</summary>
    public TimeSpan EscalationDelay(int minutes) => minutes * EscalationMinute;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval <= TimeSpan.Zero || Lease <= TimeSpan.Zero || FirstRetryDelay <= TimeSpan.Zero || RateLimitWindow < TimeSpan.Zero)
        {
            yield return new ValidationResult("intervals must be positive", [nameof(PollInterval), nameof(Lease), nameof(FirstRetryDelay)]);
        }

        if (EscalationMinute < TimeSpan.FromSeconds(1) || EscalationMinute > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("an escalation minute lasts from 1 second to 1 minute", [nameof(EscalationMinute)]);
        }
    }
}
