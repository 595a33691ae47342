using System.Buffers;
using System.Text;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract;
using Valmetal.Telemetry.Alarms;
using Valmetal.Telemetry.Catalogue;
using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Diagnostics;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Storage;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>Turns one device message into what must be stored before it is acknowledged.</summary>
public sealed class MessageRouter(
    TelemetryValidator validator,
    DeviceCatalogue catalogue,
    TelemetryMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time)
{
    public IngestItem Route(string topic, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> acknowledge)
    {
        var now = time.GetUtcNow();
        if (Topics.TryParseCommandResponse(topic, out var answering, out var commandId))
        {
            metrics.MessageReceived("command_response");
            var (answer, refusal) = CommandAnswerReader.Read(answering, commandId, payload);
            return refusal is not null
                ? Rejected(topic, answering, payload, refusal, acknowledge)
                : new IngestItem(null, [], [], null, acknowledge, answer);
        }

        if (!Topics.TryParseDeviceTopic(topic, out var thing, out var kind))
        {
            metrics.MessageReceived("unknown");
            return Rejected(topic, null, payload, new Rejection(RejectionReason.InvalidSchema, "topic is not part of the device contract"), acknowledge);
        }

        metrics.MessageReceived(kind.ToString().ToLowerInvariant());
        switch (kind)
        {
            case DeviceTopicKind.Telemetry:
                return FromTelemetry(topic, thing, payload, acknowledge, now);
            case DeviceTopicKind.Status or DeviceTopicKind.State:
                if (!catalogue.TryGet(thing, out var device))
                {
                    return Rejected(topic, thing, payload, new Rejection(RejectionReason.UnknownThing, $"thing '{thing}' is not registered equipment"), acknowledge);
                }

                var (change, rejection) = kind == DeviceTopicKind.Status
                    ? DeviceMessageReader.ReadStatus(thing, payload, time)
                    : DeviceMessageReader.ReadState(thing, payload, time);
                return rejection is not null
                    ? Rejected(topic, thing, payload, rejection, acknowledge)
                    : new IngestItem(device.FarmId, [], [], change, acknowledge);
            case DeviceTopicKind.Events:
                if (!catalogue.TryGet(thing, out var source))
                {
                    return Rejected(topic, thing, payload, new Rejection(RejectionReason.UnknownThing, $"thing '{thing}' is not registered equipment"), acknowledge);
                }

                var (deviceEvent, refusal) = DeviceEventReader.Read(thing, payload, time, options.Value.MaxSampleAge);
                return refusal is not null
                    ? Rejected(topic, thing, payload, refusal, acknowledge)
                    : new IngestItem(source.FarmId, [], [], new DeviceStateChange(thing).Seen(now), acknowledge, Event: deviceEvent);
            default:
                return Rejected(topic, thing, payload, new Rejection(RejectionReason.InvalidSchema, $"topic kind '{kind}' is not ingested"), acknowledge);
        }
    }

    private IngestItem FromTelemetry(string topic, string thing, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> acknowledge, DateTimeOffset now)
    {
        var result = validator.Validate(thing, payload);
        if (result.Status == ValidationStatus.Duplicate)
        {
            metrics.Duplicate();
            return new IngestItem(null, [], [], null, acknowledge);
        }

        var rejections = result.Rejections.Select(r => ToRecord(topic, thing, payload, r, now)).ToList();
        if (result.Points.Count == 0)
        {
            return new IngestItem(result.Device?.FarmId, [], rejections, null, acknowledge);
        }

        var change = new DeviceStateChange(thing).Seen(now);
        foreach (var point in result.Points)
        {
            change.Metric(point.Metric, point.Value, new DateTimeOffset(point.Timestamp, TimeSpan.Zero));
        }

        return new IngestItem(result.Device!.FarmId, result.Points, rejections, change, acknowledge);
    }

    private IngestItem Rejected(string topic, string? thing, ReadOnlySequence<byte> payload, Rejection rejection, Func<CancellationToken, Task> acknowledge) =>
        new(null, [], [ToRecord(topic, thing, payload, rejection, time.GetUtcNow())], null, acknowledge);

    private RejectedMessage ToRecord(string topic, string? thing, ReadOnlySequence<byte> payload, Rejection rejection, DateTimeOffset now)
    {
        metrics.Rejected(rejection.Reason.Code());
        return new RejectedMessage(now, Truncate(topic, 256), thing, rejection.Reason.Code(), Truncate(rejection.Detail, 1024),
            (int)Math.Min(payload.Length, int.MaxValue), Excerpt(payload));
    }

    /// <summary>The start of the payload as text for operators; NUL bytes are not allowed in PostgreSQL text.</summary>
    private static string Excerpt(ReadOnlySequence<byte> payload)
    {
        var head = payload.Slice(0, Math.Min(payload.Length, RejectedMessage.ExcerptLength)).ToArray();
        return Encoding.UTF8.GetString(head).Replace('\0', '\uFFFD');
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
