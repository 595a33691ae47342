namespace Valmetal.Api.Data.Entities;

/// <summary>A farmer's own farm, or a farm a technician is assigned to.</summary>
public sealed class FarmMembership
{
    public required string UserSub { get; set; }
    public Guid FarmId { get; set; }
    public Farm? Farm { get; set; }
}
