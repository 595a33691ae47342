using Valmetal.Telemetry.Pipeline;

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
    private const int TopicLength = 256;
    private const int DetailLength = 1024;

    /// <summary>The one place a record is cut to its column sizes and cleared of NUL, which PostgreSQL text refuses.</summary>
    public static RejectedMessage Of(MessageOrigin origin, string reason, string detail, string excerpt) => new(
        origin.ReceivedAt, Clean(origin.Topic, TopicLength), origin.Thing, reason, Clean(detail, DetailLength),
        origin.PayloadBytes, Clean(excerpt, ExcerptLength));

    private static string Clean(string text, int length) => (text.Length <= length ? text : text[..length]).Replace('\0', '\uFFFD');
}
