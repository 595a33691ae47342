using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

public sealed record FleetSnapshot(List<FarmView> Farms, List<EquipmentView> Equipment, List<DeviceStateView> States);
