using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Budget;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>Turns one device message into what must be stored before it is acknowledged.</summary>
public sealed partial class MessageRouter(
    TelemetryValidator validator,
    DeviceCatalogue catalogue,
    DeviceQuarantine quarantine,
    TelemetryMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<MessageRouter> logger)
{
    /// <summary>
    /// Every message leaves as an item to store and acknowledge, whatever it holds: a reader that throws on some
    /// input turns into that message's rejection, because an unacknowledged message would be redelivered forever.
    /// </summary>
    public IngestItem Route(IncomingTopic topic, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> acknowledge)
    {
        var origin = new MessageOrigin(time.GetUtcNow(), topic.Name, null, (int)Math.Min(payload.Length, int.MaxValue));
        try
        {
            return RouteChecked(topic, origin, payload, acknowledge);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnreadable(ex, topic.Name);
            return Rejected(origin, payload, new Rejection(RejectionReason.Unreadable, $"{ex.GetType().Name}: {ex.Message}"), acknowledge);
        }
    }

    private IngestItem RouteChecked(IncomingTopic topic, MessageOrigin origin, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> acknowledge)
    {
        if (topic.IsCommandAnswer)
        {
            var answering = topic.Thing;
            metrics.MessageReceived("command_response");
            origin = origin with { Thing = answering };
            if (quarantine.Until(answering) is { } answererUntil)
            {
                return Quarantined(origin, answererUntil, acknowledge);
            }

            var (answer, refusal) = CommandAnswerReader.Read(answering, topic.AnsweredCommand.Value, payload);
            return refusal is not null
                ? Rejected(origin, payload, refusal, acknowledge)
                : IngestItem.CommandReply(origin, answer!, acknowledge);
        }

        if (!topic.IsDeviceData)
        {
            metrics.MessageReceived("unknown");
            return Rejected(origin, payload, new Rejection(RejectionReason.InvalidSchema, "topic is not part of the device contract"), acknowledge);
        }

        var (thing, kind) = (topic.Thing, topic.Kind);
        origin = origin with { Thing = thing };
        metrics.MessageReceived(Topics.Level(kind));
        if (quarantine.Until(thing) is { } until)
        {
            return Quarantined(origin, until, acknowledge);
        }

        switch (kind)
        {
            case DeviceTopicKind.Telemetry:
                return FromTelemetry(origin, payload, acknowledge);
            case DeviceTopicKind.Status or DeviceTopicKind.State:
                if (!catalogue.TryGet(thing, out var device))
                {
                    return Rejected(origin, payload, new Rejection(RejectionReason.UnknownThing, $"thing '{thing}' is not registered equipment"), acknowledge);
                }

                var (change, rejection) = kind == DeviceTopicKind.Status
                    ? DeviceMessageReader.ReadStatus(thing, payload, time)
                    : DeviceMessageReader.ReadState(thing, payload, time);
                return rejection is not null
                    ? Rejected(origin, payload, rejection, acknowledge)
                    : IngestItem.StateReport(origin, device.FarmId, change!, acknowledge);
            case DeviceTopicKind.Events:
                if (!catalogue.TryGet(thing, out var source))
                {
                    return Rejected(origin, payload, new Rejection(RejectionReason.UnknownThing, $"thing '{thing}' is not registered equipment"), acknowledge);
                }

                var (deviceEvent, refusal) = DeviceEventReader.Read(thing, payload, time, options.Value.MaxSampleAge);
                return refusal is not null
                    ? Rejected(origin, payload, refusal, acknowledge)
                    : IngestItem.EventReport(origin, source.FarmId, deviceEvent!, acknowledge);
            default:
                return Rejected(origin, payload, new Rejection(RejectionReason.InvalidSchema, $"topic kind '{kind}' is not ingested"), acknowledge);
        }
    }

    private IngestItem FromTelemetry(MessageOrigin origin, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> acknowledge)
    {
        var thing = origin.Thing!;
        var result = validator.Validate(thing, payload);
        if (result.Status == ValidationStatus.Duplicate)
        {
            metrics.Duplicate();
            return IngestItem.Duplicate(origin, acknowledge);
        }

        var excerpt = result.Rejections.Count > 0 ? Excerpt(payload) : string.Empty;
        var rejections = result.Rejections.Select((r, i) => ToRecord(origin, excerpt, r, countsMessage: i == 0)).ToList();
        if (result.Points.Count == 0)
        {
            return IngestItem.Rejection(origin, result.Device?.FarmId, rejections, acknowledge);
        }

        var change = new DeviceStateChange(thing).Seen(origin.ReceivedAt);
        foreach (var point in result.Points)
        {
            change.Metric(point.Metric, point.Value, new DateTimeOffset(point.Timestamp, TimeSpan.Zero));
        }

        return IngestItem.Telemetry(origin, result.Device!.FarmId, result.Points, rejections, change, acknowledge);
    }

    private IngestItem Rejected(MessageOrigin origin, ReadOnlySequence<byte> payload, Rejection rejection, Func<CancellationToken, Task> acknowledge) =>
        IngestItem.Rejection(origin, null, [ToRecord(origin, Excerpt(payload), rejection, countsMessage: true)], acknowledge);

    /// <summary>Counted, never read: reading what an abusive device sends is the cost the quarantine exists to avoid.</summary>
    private IngestItem Quarantined(MessageOrigin origin, DateTimeOffset until, Func<CancellationToken, Task> acknowledge) =>
        IngestItem.Rejection(origin, null, [ToRecord(origin, string.Empty,
            new Rejection(RejectionReason.Quarantined, $"over its rejection budget; messages are counted, not read, until {until:HH:mm:ss} UTC"),
            countsMessage: true)], acknowledge);

    private RejectedMessage ToRecord(MessageOrigin origin, string excerpt, Rejection rejection, bool countsMessage)
    {
        metrics.Rejected(rejection.Reason.Code(), rejection.Count);
        return RejectedMessage.Of(origin, rejection.Reason.Code(), rejection.Detail, excerpt, rejection.Count, countsMessage);
    }

    /// <summary>The start of the payload as text for operators.</summary>
    private static string Excerpt(ReadOnlySequence<byte> payload) =>
        Encoding.UTF8.GetString(payload.Slice(0, Math.Min(payload.Length, RejectedMessage.ExcerptLength)).ToArray());

    [LoggerMessage(LogLevel.Error, "A message on {Topic} could not be read; it is recorded as rejected")]
    private partial void LogUnreadable(Exception ex, string topic);
}
