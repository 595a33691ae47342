using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.DeviceSimulator.Incidents;

/// <summary>A fault code a controller of this kind of equipment can raise, with its severity and operator message.</summary>
public sealed record DeviceFault(string Code, string Severity, string Message)
{
    private static readonly DeviceFault EmergencyStop = new("E017", AlarmSeverity.Critical, "Emergency stop pressed");

    private static readonly Dictionary<EquipmentKind, DeviceFault[]> ByKind = new()
    {
        [EquipmentKind.FeedMixer] = [new("E042", AlarmSeverity.Major, "Auger motor overload"), new("E051", AlarmSeverity.Minor, "Door open during mixing")],
        [EquipmentKind.SiloUnloader] = [new("E061", AlarmSeverity.Major, "Ring drive stalled"), new("W012", AlarmSeverity.Warning, "Silo level low")],
        [EquipmentKind.Conveyor] = [new("E071", AlarmSeverity.Minor, "Belt misalignment"), new("E072", AlarmSeverity.Major, "Belt slip detected")],
        [EquipmentKind.FeedCart] = [new("W081", AlarmSeverity.Warning, "Battery low"), new("E082", AlarmSeverity.Major, "Guidance track lost")],
        [EquipmentKind.ManureScraper] = [new("E091", AlarmSeverity.Major, "Cable tension fault"), new("W092", AlarmSeverity.Warning, "End of alley not reached")],
    };

    /// <summary>Mostly the equipment's own faults; now and then someone hits the emergency stop.</summary>
    public static DeviceFault Pick(EquipmentKind kind, Random random)
    {
        var own = ByKind[kind];
        var index = random.Next(own.Length * 4 + 1);
        return index < own.Length * 4 ? own[index / 4] : EmergencyStop;
    }

    public static IEnumerable<DeviceFault> All(EquipmentKind kind) => ByKind[kind].Append(EmergencyStop);
}
