namespace Valmetal.Api.Data.Entities;

/// <summary>
/// Who is told, in order, when a farm's alarm stays unacknowledged: its technicians in the order the admin sets.
/// After the last of them the environment's support contact is told.
/// </summary>
public sealed class EscalationContact
{
    public Guid FarmId { get; set; }
    public int Position { get; set; }
    public required string UserSub { get; set; }
}
