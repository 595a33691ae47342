using System.Text.Json;
using Valmetal.DeviceContract.Rejections;

namespace Valmetal.Telemetry.Storage;

/// <summary>A batch's refusals for one device, reason and minute, as they are added to that minute's row.</summary>
public sealed record RejectionRow(
    DateTime Minute, string Thing, string Reason, long Count, long Messages, long PayloadBytes,
    DateTime FirstAt, DateTime LastAt, string Topic, string Detail, string Samples)
{
    public static List<RejectionRow> Of(IEnumerable<RejectedMessage> rejections) =>
    [
        .. rejections
            .GroupBy(r => (Minute: MinuteOf(r.ReceivedAt), Thing: r.Thing ?? string.Empty, r.Reason))
            .Select(g =>
            {
                var last = g.MaxBy(r => r.ReceivedAt)!;
                var samples = g.Take(RejectionSample.MaxPerMinute)
                    .Select(r => new RejectionSample(r.ReceivedAt, r.Topic, r.Detail, r.PayloadBytes, r.PayloadExcerpt));
                return new RejectionRow(
                    g.Key.Minute, g.Key.Thing, g.Key.Reason,
                    g.Sum(r => (long)r.Count),
                    g.Count(r => r.CountsMessage),
                    g.Where(r => r.CountsMessage).Sum(r => (long)r.PayloadBytes),
                    g.Min(r => r.ReceivedAt).UtcDateTime, last.ReceivedAt.UtcDateTime, last.Topic, last.Detail,
                    JsonSerializer.Serialize(samples));
            }),
    ];

    public static DateTime MinuteOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
