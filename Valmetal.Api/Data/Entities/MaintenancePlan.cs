namespace Valmetal.Api.Data.Entities;

/// <summary>Recurring work for every unit of a model: every N run hours, every N days, or whichever comes first.</summary>
public sealed class MaintenancePlan
{
    public Guid Id { get; set; }
    public required string ModelCode { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int? IntervalRunHours { get; set; }
    public int? IntervalDays { get; set; }
}
