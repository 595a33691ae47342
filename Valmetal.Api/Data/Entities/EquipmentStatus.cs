namespace Valmetal.Api.Data.Entities;

public enum EquipmentStatus
{
    Active,
    InService,
    OutOfOrder,
    Retired,
}
