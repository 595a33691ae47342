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
