namespace Valmetal.Api.Data.Entities;

/// <summary>A site or barn within a farm, where equipment stands.</summary>
public sealed class Barn
{
    public Guid Id { get; set; }
    public Guid FarmId { get; set; }
    public required string Name { get; set; }
    public string? Notes { get; set; }
}
