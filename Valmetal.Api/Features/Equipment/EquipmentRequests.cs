using Microsoft.Extensions.Localization;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;
using Valmetal.DeviceContract;

namespace Valmetal.Api.Features.Equipment;

/// <summary>Registers a unit; its serial number becomes its thing name and certificate CN.</summary>
public sealed record RegisterEquipmentRequest(
    string SerialNumber, string DisplayName, string ModelCode, Guid FarmId, DateOnly InstalledOn, string Firmware, Guid? BarnId = null)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(EquipmentApi));

    public Validation Validate()
    {
        var validation = new Validation()
            .Required("displayName", DisplayName, 200)
            .Required("modelCode", ModelCode, 32)
            .Required("firmware", Firmware, 32)
            .Name("serialNumber", SerialNumber);
        if (ThingName.IsValid(SerialNumber) && SerialNumber.StartsWith("valmetal-", StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("serialNumber", Text["ReservedPrefix"]);
        }

        if (FarmId == Guid.Empty)
        {
            validation.Missing("farmId");
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
            validation.MustBeOneOf("status", Enum.GetNames<EquipmentStatus>());
        }

        return EquipmentRules.InstalledOn(validation, InstalledOn);
    }
}

public static class EquipmentRules
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(EquipmentApi));

    public static Validation InstalledOn(Validation validation, DateOnly installedOn) =>
        installedOn < new DateOnly(1990, 1, 1) || installedOn > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1))
            ? validation.Add("installedOn", Text["InstalledOnOutOfRange"])
            : validation;
}

public sealed record AuditEntryResponse(DateTimeOffset At, string ActorSub, string? ActorEmail, string Action, System.Text.Json.Nodes.JsonObject Changes);
