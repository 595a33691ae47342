namespace Valmetal.DeviceContract.DemoFleet;

public sealed record DemoFarm(Guid Id, string Name, string Address, string TimeZone);

public sealed record DemoEquipment(string Thing, string DisplayName, string ModelCode, Guid FarmId, DateOnly InstalledOn, string Firmware);
