using System.ComponentModel.DataAnnotations;

namespace Valmetal.Telemetry.Budget;

/// <summary>
/// What one device may have refused per minute, counted across replicas in PostgreSQL, before it is quarantined.
/// Valid data never counts, so a healthy device's backfill burst is never refused.
/// </summary>
public sealed class RejectionBudgetOptions
{
    public const string SectionName = "RejectionBudget";

    /// <summary>Messages with at least one refusal, per device per minute (a message with many bad values counts once).</summary>
    [Range(1, 10_000_000)]
    public int MaxRejectedMessagesPerMinute { get; set; } = 300;

    /// <summary>Bytes of those messages per device per minute: sixteen 128 KB messages of garbage.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRejectedBytesPerMinute { get; set; } = 2 * 1024 * 1024;

    /// <summary>How long a device over its budget has its messages counted instead of read.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QuarantineDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each replica reads the quarantines the others decided.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the per-minute rejection rows are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);
}
