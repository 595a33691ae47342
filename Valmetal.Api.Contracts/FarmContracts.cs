namespace Valmetal.Api.Contracts;

public sealed record FarmResponse(Guid Id, string Name, string Address, string TimeZone, int EquipmentCount);
