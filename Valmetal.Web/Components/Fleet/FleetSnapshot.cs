using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>
/// What the fleet page needs and nothing more: it travels from the prerender to the circuit inside the page,
/// so it is kept compact (no reported configuration, no timestamps per value).
/// </summary>
public sealed record FleetSnapshot(List<FarmView> Farms, List<FleetRowSnapshot> Rows);

public sealed record FleetRowSnapshot(EquipmentView Equipment, bool Online, DateTimeOffset? LastSeen, Dictionary<string, double> Values);
