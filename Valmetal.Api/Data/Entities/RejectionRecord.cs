namespace Valmetal.Api.Data.Entities;

/// <summary>
/// What the telemetry service refused from one device for one reason in one minute: counted, with a few samples,
/// so a device sending garbage as fast as it can writes one row a minute, not one per value.
/// </summary>
public sealed class RejectionRecord
{
    public DateTimeOffset Minute { get; set; }

    /// <summary>The device, or empty for a topic outside the device contract.</summary>
    public required string Thing { get; set; }
    public required string Reason { get; set; }

    /// <summary>Values or messages refused (a message may hold many refused values).</summary>
    public long Count { get; set; }

    /// <summary>Messages that had at least one refusal for this reason.</summary>
    public long Messages { get; set; }
    public long PayloadBytes { get; set; }
    public DateTimeOffset FirstAt { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public required string Topic { get; set; }
    public required string Detail { get; set; }

    /// <summary>JSON array of at most a few {at, topic, detail, bytes, excerpt} objects: the first refusals of the minute.</summary>
    public required string Samples { get; set; }
}
