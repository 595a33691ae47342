namespace Valmetal.Api.Data.Entities;

/// <summary>
/// One message to one recipient on one channel, written in the recipient's language when the notifier fans an alarm
/// event out, and sent from this table at least once: a sender leases a row before sending, so a sender that dies
/// mid-way lets the lease lapse and another sends it again (one repeat at most, never a loss).
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>Event, recipient and channel: fanning the same event out twice writes each message once.</summary>
    public required string IdempotencyKey { get; set; }

    public Guid? AlarmId { get; set; }

    /// <summary>
    /// The alarm's condition (<c>serial/kind/source</c>): a flapping condition raises a new alarm each time, and the rate
    /// limit counts messages per recipient, channel and condition.
    /// </summary>
    public string? Topic { get; set; }
    public Guid? FarmId { get; set; }

    /// <summary>The user told; null for the environment's support contact, who is named by <see cref="Address"/> only.</summary>
    public string? UserSub { get; set; }

    /// <summary>The e-mail address, phone number or push endpoint the message went to, as it was when written.</summary>
    public required string Address { get; set; }

    public required string Channel { get; set; }
    public required string Kind { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>How many alarm changes this one message stands for (a flapping alarm's changes collapse into one).</summary>
    public int Count { get; set; } = 1;

    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c> (given up after the last attempt).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
