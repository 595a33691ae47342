namespace Valmetal.Api.Data.Entities;

public enum CommandStatus
{
    Pending,
    Accepted,
    Succeeded,
    Failed,
    Rejected,
    Expired,
}

/// <summary>
/// A command sent to a device on <c>cmd/valmetal/{thing}/req/{id}</c>. The device answers on <c>.../res/{id}</c>;
/// the telemetry service records the answer here. A command still pending past its expiry is expired.
/// </summary>
public sealed class DeviceCommand
{
    public Guid Id { get; set; }
    public required string SerialNumber { get; set; }
    public required string Name { get; set; }

    /// <summary>JSON object of arguments.</summary>
    public required string Arguments { get; set; }

    public CommandStatus Status { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public required string CreatedBySub { get; set; }
}
