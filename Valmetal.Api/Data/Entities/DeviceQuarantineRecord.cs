namespace Valmetal.Api.Data.Entities;

/// <summary>A device over its rejection budget: until then its messages are counted, not read.</summary>
public sealed class DeviceQuarantineRecord
{
    public required string Thing { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset Until { get; set; }
    public required string Reason { get; set; }
}
