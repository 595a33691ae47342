using Valmetal.DeviceContract.Commands;

namespace Valmetal.Api.Data.Entities;

/// <summary>
/// A command sent to a device on its command request topic (Topics.CommandRequest); the device answers on the response topic;
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
