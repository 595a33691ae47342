namespace Valmetal.DeviceContract.Catalogue;

/// <summary>
/// IoT Core's thing types: one per kind of equipment, named after the deployment. The CDK creates them, the API's
/// registry puts each new thing in its model's kind, and the local IoT fake knows the same names.
/// </summary>
public static class ThingTypes
{
    public static string Name(string deploymentPrefix, EquipmentKind kind) => $"{deploymentPrefix}-{Slug(kind)}";

    public static IEnumerable<string> All(string deploymentPrefix) => Enum.GetValues<EquipmentKind>().Select(kind => Name(deploymentPrefix, kind));

    private static string Slug(EquipmentKind kind) => kind switch
    {
        EquipmentKind.FeedMixer => "feed-mixer",
        EquipmentKind.SiloUnloader => "silo-unloader",
        EquipmentKind.Conveyor => "conveyor",
        EquipmentKind.FeedCart => "feed-cart",
        EquipmentKind.ManureScraper => "manure-scraper",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
