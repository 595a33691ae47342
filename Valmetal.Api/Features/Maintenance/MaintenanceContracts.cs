using Microsoft.Extensions.Localization;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Maintenance;

public sealed record MaintenancePlanRequest(string Name, string? Description = null, int? IntervalRunHours = null, int? IntervalDays = null)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(MaintenanceApi));

    public Validation Validate()
    {
        var validation = new Validation().Required("name", Name, 200).Optional("description", Description, 2000)
            .Range("intervalRunHours", IntervalRunHours, 1, 100_000).Range("intervalDays", IntervalDays, 1, 3650);
        return IntervalRunHours is null && IntervalDays is null
            ? validation.Add("intervalDays", Text["IntervalMissing"])
            : validation;
    }
}

public sealed record MaintenancePlanResponse(Guid Id, string ModelCode, string Name, string? Description, int? IntervalRunHours, int? IntervalDays);

/// <summary>Logs work on a unit: a new pending task, or work already done or abandoned.</summary>
public sealed record LogMaintenanceRequest(string Title, MaintenanceStatus Status, string? Notes = null, string? Parts = null, int? MinutesSpent = null, DateTimeOffset? DueAt = null)
{
    public Validation Validate() => MaintenanceRules.Check(new Validation().Required("title", Title, 200), Status, Notes, Parts, MinutesSpent);
}

/// <summary>Updates a task or log: typically a pending task marked done with notes, parts and time spent.</summary>
public sealed record UpdateMaintenanceRequest(MaintenanceStatus Status, string? Notes = null, string? Parts = null, int? MinutesSpent = null)
{
    public Validation Validate() => MaintenanceRules.Check(new Validation(), Status, Notes, Parts, MinutesSpent);
}

public static class MaintenanceRules
{
    public const int MaxMinutes = 7 * 24 * 60;

    public static Validation Check(Validation validation, MaintenanceStatus status, string? notes, string? parts, int? minutes)
    {
        if (!Enum.IsDefined(status))
        {
            validation.MustBeOneOf("status", Enum.GetNames<MaintenanceStatus>());
        }

        return validation.Optional("notes", notes, 4000).Optional("parts", parts, 2000).Range("minutesSpent", minutes, 0, MaxMinutes);
    }
}
