namespace Valmetal.Api.Data.Entities;

public sealed class Equipment
{
    /// <summary>Serial number = thing name = device certificate CN.</summary>
    public required string SerialNumber { get; set; }

    public required string DisplayName { get; set; }
    public required string ModelCode { get; set; }
    public EquipmentModel? Model { get; set; }
    public Guid FarmId { get; set; }
    public Farm? Farm { get; set; }

    /// <summary>
    /// When the unit arrived on <see cref="FarmId"/>: set at registration and at every move. Farm users see the unit's
    /// operating data (telemetry, alarms, commands, audit, reports) only from here on (docs/decisions.md, "Equipment
    /// that changes farms"). Units registered before this existed read as the earliest time, so their history stays visible.
    /// </summary>
    public DateTimeOffset FarmSince { get; set; }
    public Guid? BarnId { get; set; }
    public Barn? Barn { get; set; }
    public DateOnly InstalledOn { get; set; }
    public required string Firmware { get; set; }
    public EquipmentStatus Status { get; set; } = EquipmentStatus.Active;

    /// <summary>Engine or motor hours, the basis of run-hour maintenance plans.</summary>
    public double RunHours { get; set; }

    /// <summary>PostgreSQL's xmin, the ETag for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
