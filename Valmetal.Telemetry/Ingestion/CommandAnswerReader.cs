using System.Buffers;
using System.Text.Json;
using Valmetal.DeviceContract;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>Reads <c>{"status": "accepted|succeeded|failed|rejected", "detail": "..."}</c> from a command's response topic.</summary>
public static class CommandAnswerReader
{
    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["accepted"] = "Accepted", ["succeeded"] = "Succeeded", ["failed"] = "Failed", ["rejected"] = "Rejected",
    };

    public static (CommandAnswer? Answer, Rejection? Refusal) Read(string thing, Guid commandId, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > ContractLimits.MaxPayloadBytes || !Utf8Payload.IsValid(payload))
        {
            return (null, new Rejection(RejectionReason.MalformedJson, "command response is too large or not UTF-8"));
        }

        try
        {
            using var document = JsonDocument.Parse(payload, DeviceJson.DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status)
                || status.ValueKind != JsonValueKind.String || !Statuses.TryGetValue(status.GetString()!, out var known))
            {
                return (null, new Rejection(RejectionReason.InvalidSchema, "'status' must be accepted, succeeded, failed or rejected"));
            }

            var detail = root.TryGetProperty("detail", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            return (new CommandAnswer(thing, commandId, known, detail is { Length: > 1024 } ? detail[..1024] : detail?.Replace('\0', ' ')), null);
        }
        catch (JsonException ex)
        {
            return (null, new Rejection(RejectionReason.MalformedJson, $"not valid JSON: {ex.Message}"));
        }
    }
}
