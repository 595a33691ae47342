using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Rejections;
using Valmetal.DeviceState;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>Reads status (online/offline, also the will message) and reported-state messages.</summary>
public static class DeviceMessageReader
{
    public const int MaxReportedKeys = 100;
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static (DeviceStateChange? Change, Rejection? Rejection) ReadStatus(string thing, ReadOnlySequence<byte> payload, TimeProvider time)
    {
        if (!TryParseObject(payload, out var root, out var rejection))
        {
            return (null, rejection);
        }

        if (root!["online"] is not JsonValue onlineValue || !onlineValue.TryGetValue<bool>(out var online))
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, "'online' must be true or false"));
        }

        // The will message is sent by the broker long after it was written; its ts is the device's last known time.
        var now = time.GetUtcNow();
        var at = root["ts"] is JsonValue tsValue && tsValue.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)
            && parsed <= now + ContractLimits.MaxFutureSkew
                ? parsed
                : now;
        var change = new DeviceStateChange(thing).Status(online, online ? at : now);
        return (online ? change.Seen(at) : change, null);
    }

    public static (DeviceStateChange? Change, Rejection? Rejection) ReadState(string thing, ReadOnlySequence<byte> payload, TimeProvider time)
    {
        if (!TryParseObject(payload, out var root, out var rejection))
        {
            return (null, rejection);
        }

        if (root!["reported"] is not JsonObject reported)
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, "'reported' must be an object"));
        }

        if (reported.Count > MaxReportedKeys)
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, $"'reported' has more than {MaxReportedKeys} keys"));
        }

        if (JsonSerializer.SerializeToUtf8Bytes(reported).Length is var size && size > ContractLimits.MaxReportedBytes)
        {
            return (null, new Rejection(RejectionReason.PayloadTooLarge, $"'reported' is {size} bytes of JSON; the limit is {ContractLimits.MaxReportedBytes}"));
        }

        if (reported.Any(p => !ThingName.IsValid(p.Key)))
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, "'reported' keys must match [A-Za-z0-9_-]{1,64}"));
        }

        if (AttributeValueLimits.FindUnstorable(reported) is { } unstorable)
        {
            return (null, new Rejection(RejectionReason.OutOfRange, $"'reported{unstorable.Path}' {unstorable.Reason}: the device shadow cannot store it"));
        }

        if (root["version"] is not JsonValue versionValue || !versionValue.TryGetValue<long>(out var version) || version < 0)
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, "'version' must be a non-negative integer"));
        }

        return (new DeviceStateChange(thing).Report(reported, version).Seen(time.GetUtcNow()), null);
    }

    private static bool TryParseObject(ReadOnlySequence<byte> payload, out JsonObject? root, out Rejection? rejection)
    {
        root = null;
        rejection = null;
        if (payload.Length > ContractLimits.MaxPayloadBytes)
        {
            rejection = new Rejection(RejectionReason.PayloadTooLarge, $"payload is {payload.Length} bytes; the limit is {ContractLimits.MaxPayloadBytes}");
            return false;
        }

        if (!Utf8Payload.IsValid(payload))
        {
            rejection = new Rejection(RejectionReason.MalformedJson, "payload is not valid UTF-8");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, DeviceJson.DocumentOptions);
            root = JsonNode.Parse(document.RootElement.GetRawText(), NodeOptions) as JsonObject;
        }
        catch (JsonException ex)
        {
            rejection = new Rejection(RejectionReason.MalformedJson, $"not valid JSON: {ex.Message}");
            return false;
        }

        if (root is null)
        {
            rejection = new Rejection(RejectionReason.InvalidSchema, "payload must be a JSON object");
            return false;
        }

        return true;
    }
}
