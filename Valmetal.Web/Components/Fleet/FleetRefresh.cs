using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Components.Fleet;

/// <summary>Each unit's state and open alarms, read again when the fleet page's live stream is subscribed.</summary>
public sealed record FleetRefresh(IReadOnlyDictionary<string, DeviceStateResponse> States, ILookup<string, AlarmResponse> OpenAlarms);
