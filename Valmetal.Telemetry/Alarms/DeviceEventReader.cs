using System.Buffers;
using System.Text.Json;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Alarms;

/// <summary>Reads <c>{"ts", "code", "severity", "active", "message"}</c> from <c>dt/valmetal/{thing}/events</c>.</summary>
public static class DeviceEventReader
{
    public static (DeviceEvent? Event, Rejection? Refusal) Read(string thing, ReadOnlySequence<byte> payload, TimeProvider time, TimeSpan maxAge)
    {
        if (payload.Length > ContractLimits.MaxPayloadBytes)
        {
            return (null, new Rejection(RejectionReason.PayloadTooLarge, $"payload is {payload.Length} bytes; the limit is {ContractLimits.MaxPayloadBytes}"));
        }

        if (!Utf8Payload.IsValid(payload))
        {
            return (null, new Rejection(RejectionReason.MalformedJson, "payload is not valid UTF-8"));
        }

        EventPayload? body;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            body = JsonSerializer.Deserialize<EventPayload>(ref reader, DeviceJson.SerializerOptions);
        }
        catch (JsonException ex)
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, $"not a valid event: {ex.Message}"));
        }

        if (body is null || !ThingName.IsValid(body.Code))
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, "'code' must be 1 to 64 letters, digits, '-' or '_'"));
        }

        if (!AlarmSeverity.IsValid(body.Severity))
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, $"'severity' must be one of {string.Join(", ", AlarmSeverity.All)}"));
        }

        var now = time.GetUtcNow();
        if (body.Ts > now + ContractLimits.MaxFutureSkew)
        {
            return (null, new Rejection(RejectionReason.FutureTimestamp, $"event time {body.Ts:O} is more than {ContractLimits.MaxFutureSkew.TotalMinutes} minutes ahead"));
        }

        if (body.Ts < now - maxAge)
        {
            return (null, new Rejection(RejectionReason.StaleTimestamp, $"event time {body.Ts:O} is older than {maxAge.TotalDays} days"));
        }

        var message = body.Message is { Length: > EventPayload.MaxMessageLength } text ? text[..EventPayload.MaxMessageLength] : body.Message;
        return (new DeviceEvent(thing, body.Ts.ToUniversalTime(), body.Code, body.Severity, body.Active, message?.Replace('\0', ' ')), null);
    }
}
