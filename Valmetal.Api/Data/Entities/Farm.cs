namespace Valmetal.Api.Data.Entities;

public sealed class Farm
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }

    /// <summary>IANA time zone, so charts and schedules show the farm's own clock.</summary>
    public required string TimeZone { get; set; }

    /// <summary>How long an alarm may stay unacknowledged before the next escalation contact is told.</summary>
    public int EscalationMinutes { get; set; } = 15;

    public List<Equipment> Equipment { get; set; } = [];
    public List<Barn> Barns { get; set; } = [];

    /// <summary>PostgreSQL's xmin: changes on every write, so it is the ETag for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
