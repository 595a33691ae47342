namespace Valmetal.Telemetry.Storage;

/// <summary>A message (or part of one) that was not stored as data, kept with its reason for operators.</summary>
public sealed record RejectedMessage(
    DateTimeOffset ReceivedAt,
    string Topic,
    string? Thing,
    string Reason,
    string Detail,
    int PayloadBytes,
    string PayloadExcerpt)
{
    public const int ExcerptLength = 1024;
}
