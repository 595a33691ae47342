namespace Valmetal.DeviceContract.Catalogue;

public enum EquipmentKind
{
    FeedMixer,
    SiloUnloader,
    Conveyor,
    FeedCart,
    ManureScraper,
}
