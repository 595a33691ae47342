namespace Valmetal.Api.Data.Entities;

/// <summary>Written by the telemetry service when a device message (or a value in it) is refused.</summary>
public sealed class RejectedMessageRecord
{
    public long Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Topic { get; set; }
    public string? Thing { get; set; }
    public required string Reason { get; set; }
    public required string Detail { get; set; }
    public int PayloadBytes { get; set; }
    public required string PayloadExcerpt { get; set; }
}
