using Valmetal.Telemetry.Pipeline;

namespace Valmetal.Telemetry.Storage;

/// <summary>
/// A refusal of a message or of values in it, before it is counted into its device's, reason's and minute's row.
/// <paramref name="Count"/> is the values it stands for; only the first refusal of a message counts the message and
/// its bytes (<paramref name="CountsMessage"/>), so a message with many bad values costs its device's budget once.
/// </summary>
public sealed record RejectedMessage(
    DateTimeOffset ReceivedAt,
    string Topic,
    string? Thing,
    string Reason,
    string Detail,
    int PayloadBytes,
    string PayloadExcerpt,
    int Count = 1,
    bool CountsMessage = true)
{
    public const int ExcerptLength = 1024;
    private const int TopicLength = 256;
    private const int DetailLength = 1024;

    /// <summary>The one place a record is cut to its column sizes and cleared of NUL, which PostgreSQL text refuses.</summary>
    public static RejectedMessage Of(MessageOrigin origin, string reason, string detail, string excerpt, int count = 1, bool countsMessage = true) => new(
        origin.ReceivedAt, Clean(origin.Topic, TopicLength), origin.Thing, reason, Clean(detail, DetailLength),
        origin.PayloadBytes, Clean(excerpt, ExcerptLength), count, countsMessage);

    private static string Clean(string text, int length) => (text.Length <= length ? text : text[..length]).Replace('\0', '\uFFFD');
}
