using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.DeviceContract.DemoFleet;

/// <summary>The equipment models of the demo fleet and their metric catalogues.</summary>
public static class DemoModels
{
    private static readonly TimeSpan Timeout = ContractLimits.DefaultInactivityTimeout;

    public static readonly EquipmentModelDefinition FeedMixer = new(
        "VM-FM-1200", "Vertical feed mixer 1200", EquipmentKind.FeedMixer, Timeout,
        [
            new("motor_current_a", "Motor current", "A", 0, 250, 160, 200) { DisplayNameFr = "Courant du moteur", UnitFr = "A" },
            new("motor_temp_c", "Motor temperature", "°C", -40, 150, 85, 105) { DisplayNameFr = "Température du moteur", UnitFr = "°C" },
            new("auger_rpm", "Auger speed", "rpm", 0, 80) { DisplayNameFr = "Vitesse de la vis", UnitFr = "tr/min" },
            new("load_kg", "Load", "kg", 0, 6000, 5200, 5600) { DisplayNameFr = "Charge", UnitFr = "kg" },
        ]);

    public static readonly EquipmentModelDefinition SiloUnloader = new(
        "VM-SU-800", "Silo unloader 800", EquipmentKind.SiloUnloader, Timeout,
        [
            new("motor_current_a", "Motor current", "A", 0, 120, 80, 100) { DisplayNameFr = "Courant du moteur", UnitFr = "A" },
            new("motor_temp_c", "Motor temperature", "°C", -40, 150, 85, 105) { DisplayNameFr = "Température du moteur", UnitFr = "°C" },
            new("ring_rpm", "Ring drive speed", "rpm", 0, 30) { DisplayNameFr = "Vitesse de l’anneau", UnitFr = "tr/min" },
            new("feed_rate_kg_min", "Feed rate", "kg/min", 0, 400) { DisplayNameFr = "Débit d’alimentation", UnitFr = "kg/min" },
        ]);

    public static readonly EquipmentModelDefinition Conveyor = new(
        "VM-CV-300", "Belt conveyor 300", EquipmentKind.Conveyor, Timeout,
        [
            new("belt_speed_m_s", "Belt speed", "m/s", 0, 3) { DisplayNameFr = "Vitesse de la courroie", UnitFr = "m/s" },
            new("motor_current_a", "Motor current", "A", 0, 60, 40, 50) { DisplayNameFr = "Courant du moteur", UnitFr = "A" },
            new("motor_temp_c", "Motor temperature", "°C", -40, 150, 85, 105) { DisplayNameFr = "Température du moteur", UnitFr = "°C" },
        ]);

    public static readonly EquipmentModelDefinition FeedCart = new(
        "VM-FC-500", "Electric feed cart 500", EquipmentKind.FeedCart, Timeout,
        [
            new("battery_pct", "Battery", "%", 0, 100) { DisplayNameFr = "Batterie", UnitFr = "%" },
            new("speed_m_s", "Travel speed", "m/s", 0, 2) { DisplayNameFr = "Vitesse de déplacement", UnitFr = "m/s" },
            new("load_kg", "Load", "kg", 0, 900, 800, 850) { DisplayNameFr = "Charge", UnitFr = "kg" },
            new("motor_temp_c", "Motor temperature", "°C", -40, 150, 85, 105) { DisplayNameFr = "Température du moteur", UnitFr = "°C" },
        ]);

    public static readonly EquipmentModelDefinition ManureScraper = new(
        "VM-MS-200", "Alley manure scraper 200", EquipmentKind.ManureScraper, Timeout,
        [
            new("cable_tension_kn", "Cable tension", "kN", 0, 40, 28, 34) { DisplayNameFr = "Tension du câble", UnitFr = "kN" },
            new("position_m", "Position", "m", 0, 120) { DisplayNameFr = "Position", UnitFr = "m" },
            new("motor_current_a", "Motor current", "A", 0, 40, 25, 32) { DisplayNameFr = "Courant du moteur", UnitFr = "A" },
        ]);

    public static readonly IReadOnlyList<EquipmentModelDefinition> All =
        [FeedMixer, SiloUnloader, Conveyor, FeedCart, ManureScraper];
}
