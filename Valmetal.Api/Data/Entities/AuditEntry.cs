namespace Valmetal.Api.Data.Entities;

/// <summary>Who changed what on a piece of equipment, and when; written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required string SerialNumber { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorSub { get; set; }
    public required string Action { get; set; }

    /// <summary>JSON object: field → { "from": ..., "to": ... }.</summary>
    public required string Changes { get; set; }
}
