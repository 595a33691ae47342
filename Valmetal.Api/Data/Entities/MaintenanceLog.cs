namespace Valmetal.Api.Data.Entities;

public enum MaintenanceStatus
{
    Pending,
    Done,
    Abandoned,
}

/// <summary>
/// One piece of maintenance work on one unit: a due task generated from a plan while pending,
/// the log of what was done once done (technician, notes, parts, time spent).
/// </summary>
public sealed class MaintenanceLog
{
    public Guid Id { get; set; }
    public required string SerialNumber { get; set; }
    public Guid? PlanId { get; set; }
    public required string Title { get; set; }
    public MaintenanceStatus Status { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public double? DueRunHours { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public double? CompletedAtRunHours { get; set; }
    public string? PerformedBySub { get; set; }
    public string? Notes { get; set; }
    public string? Parts { get; set; }
    public int? MinutesSpent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>PostgreSQL's xmin, the ETag for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
