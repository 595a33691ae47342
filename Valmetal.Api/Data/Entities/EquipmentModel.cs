using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.Api.Data.Entities;

public sealed class EquipmentModel
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public EquipmentKind Kind { get; set; }

    /// <summary>A device silent for longer than this is offline, whatever its last status said.</summary>
    public int InactivityTimeoutSeconds { get; set; }

    public List<ModelMetric> Metrics { get; set; } = [];

    /// <summary>The desired configuration keys the model accepts; empty means any key.</summary>
    public List<ModelSetting> Settings { get; set; } = [];

    /// <summary>PostgreSQL's xmin, the ETag for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
