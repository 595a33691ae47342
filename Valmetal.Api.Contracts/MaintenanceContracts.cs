namespace Valmetal.Api.Contracts;

public sealed record MaintenanceLogResponse(
    Guid Id, string SerialNumber, string EquipmentName, Guid FarmId, Guid? PlanId, string Title, string Status,
    DateTimeOffset? DueAt, double? DueRunHours, bool Overdue, DateTimeOffset? CompletedAt, string? PerformedBy,
    string? Notes, string? Parts, int? MinutesSpent, DateTimeOffset CreatedAt);
