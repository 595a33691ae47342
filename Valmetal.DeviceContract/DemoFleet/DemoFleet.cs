using System.Globalization;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.DeviceContract.DemoFleet;

/// <summary>
/// The farms and equipment the local platform is seeded with and the simulator brings to life:
/// 25 devices over 3 farms. Thing names are stable so certificates, seed data and tests agree.
/// </summary>
public static class Fleet
{
    public static readonly IReadOnlyList<DemoFarm> Farms =
    [
        new(Guid.Parse("6f1d6c0e-6c1a-4d8e-9a51-0d3b1f7a0001"), "Ferme Beauregard", "1200 rang Saint-Joseph, Saint-Hyacinthe, QC", "America/Toronto"),
        new(Guid.Parse("6f1d6c0e-6c1a-4d8e-9a51-0d3b1f7a0002"), "Ferme des Érables", "45 chemin du Lac, Drummondville, QC", "America/Toronto"),
        new(Guid.Parse("6f1d6c0e-6c1a-4d8e-9a51-0d3b1f7a0003"), "Prairie View Dairy", "8870 County Road 12, Woodstock, ON", "America/Toronto"),
    ];

    /// <summary>Devices in a fixed order; the simulator takes the first N, so tests can keep the last ones for themselves.</summary>
    public static readonly IReadOnlyList<DemoEquipment> Equipment = Build();

    public static EquipmentModelDefinition ModelOf(DemoEquipment equipment) =>
        DemoModels.All.Single(m => m.Code == equipment.ModelCode);

    private static List<DemoEquipment> Build()
    {
        // Round-robin over models and farms gives every farm a mix of equipment.
        var models = DemoModels.All;
        var list = new List<DemoEquipment>(25);
        for (var i = 0; i < 25; i++)
        {
            var model = models[i % models.Count];
            var farm = Farms[i % Farms.Count];
            var serial = string.Create(CultureInfo.InvariantCulture, $"{model.Code[..5]}-{24001 + i:D5}");
            var name = string.Create(CultureInfo.InvariantCulture, $"{Describe(model.Kind)} #{i / models.Count + 1}");
            list.Add(new DemoEquipment(serial, name, model.Code, farm.Id, new DateOnly(2023, 1 + i % 12, 1 + i), "3.2." + (i % 4)));
        }

        return list;
    }

    private static string Describe(EquipmentKind kind) => kind switch
    {
        EquipmentKind.FeedMixer => "Feed mixer",
        EquipmentKind.SiloUnloader => "Silo unloader",
        EquipmentKind.Conveyor => "Conveyor",
        EquipmentKind.FeedCart => "Feed cart",
        EquipmentKind.ManureScraper => "Manure scraper",
        _ => kind.ToString(),
    };
}
