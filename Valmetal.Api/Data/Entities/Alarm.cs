namespace Valmetal.Api.Data.Entities;

/// <summary>
/// An alarm on one piece of equipment, raised by the telemetry service (threshold held for its delay, a device fault,
/// going offline) and cleared by it when the condition ends; people acknowledge it through the API.
/// Kind, severity and state take the values of <c>Valmetal.DeviceContract.Alarms</c>.
/// </summary>
public sealed class Alarm
{
    public Guid Id { get; set; }
    public required string SerialNumber { get; set; }
    public required string Kind { get; set; }

    /// <summary>The metric key, the fault code, or "connectivity".</summary>
    public required string Source { get; set; }

    public required string Severity { get; set; }
    public required string State { get; set; }
    public required string Message { get; set; }
    public double? Value { get; set; }
    public double? Threshold { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }

    /// <summary>How many escalation contacts have been told so far, and when the next one is, while unacknowledged.</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset? EscalateAt { get; set; }

    /// <summary>PostgreSQL's xmin, the ETag for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
