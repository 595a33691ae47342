using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;

namespace Valmetal.Api.Features.Equipment;

/// <summary>Registers a unit; its serial number becomes its thing name and certificate CN.</summary>
public sealed record RegisterEquipmentRequest(
    string SerialNumber, string DisplayName, string ModelCode, Guid FarmId, DateOnly InstalledOn, string Firmware, Guid? BarnId = null)
{
    public Validation Validate()
    {
        var validation = new Validation()
            .Required("displayName", DisplayName, 200)
            .Required("modelCode", ModelCode, 32)
            .Required("firmware", Firmware, 32);
        if (!ThingName.IsValid(SerialNumber))
        {
            validation.Add("serialNumber", "must be 1 to 64 letters, digits, '-' or '_'");
        }
        else if (SerialNumber.StartsWith("valmetal-", StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("serialNumber", "the prefix 'valmetal-' is reserved for platform services");
        }

        if (FarmId == Guid.Empty)
        {
            validation.Add("farmId", "is required");
        }

        return EquipmentRules.InstalledOn(validation, InstalledOn);
    }
}

/// <summary>The fields anyone who manages a unit may change; moving it to another farm is for admins only.</summary>
public sealed record UpdateEquipmentRequest(
    string DisplayName, Guid FarmId, string Firmware, EquipmentStatus Status, double RunHours, DateOnly InstalledOn, Guid? BarnId = null)
{
    public const double MaxRunHours = 1_000_000;

    public Validation Validate()
    {
        var validation = new Validation()
            .Required("displayName", DisplayName, 200)
            .Required("firmware", Firmware, 32)
            .Range("runHours", RunHours, 0, MaxRunHours);
        if (!Enum.IsDefined(Status))
        {
            validation.Add("status", $"must be one of {string.Join(", ", Enum.GetNames<EquipmentStatus>())}");
        }

        return EquipmentRules.InstalledOn(validation, InstalledOn);
    }
}

public static class EquipmentRules
{
    public static Validation InstalledOn(Validation validation, DateOnly installedOn) =>
        installedOn < new DateOnly(1990, 1, 1) || installedOn > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1))
            ? validation.Add("installedOn", "must be between 1990-01-01 and today")
            : validation;
}

public sealed record AuditEntryResponse(DateTimeOffset At, string ActorSub, string? ActorEmail, string Action, System.Text.Json.Nodes.JsonObject Changes);
