using System.Buffers;
using System.Text.Json;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceContract.Rejections;
using Valmetal.Telemetry.Pipeline;
using Valmetal.Telemetry.Validation;

namespace Valmetal.Telemetry.Ingestion;

/// <summary>Reads a <see cref="CommandAnswerPayload"/> from a command's response topic.</summary>
public static class CommandAnswerReader
{
    private static readonly string AnswerableNames = string.Join(", ", CommandStatuses.AnsweredByDevices.Select(s => s.DeviceName()));

    public static (CommandAnswer? Answer, Rejection? Refusal) Read(string thing, Guid commandId, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > ContractLimits.MaxPayloadBytes || !Utf8Payload.IsValid(payload))
        {
            return (null, new Rejection(RejectionReason.MalformedJson, "command response is too large or not UTF-8"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, DeviceJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, new Rejection(RejectionReason.MalformedJson, $"not valid JSON: {ex.Message}"));
        }

        CommandAnswerPayload? body;
        using (document)
        {
            try
            {
                body = document.RootElement.Deserialize<CommandAnswerPayload>(DeviceJson.SerializerOptions);
            }
            catch (JsonException)
            {
                // Valid JSON of the wrong shape (not an object, a status that is not a string): refused as such below.
                body = null;
            }
        }

        if (!CommandStatuses.TryParseDeviceAnswer(body?.Status, out var status))
        {
            return (null, new Rejection(RejectionReason.InvalidSchema, $"'status' must be one of {AnswerableNames}"));
        }

        var detail = body!.Detail is { Length: > CommandAnswerPayload.MaxDetailLength } text ? text[..CommandAnswerPayload.MaxDetailLength] : body.Detail;
        return (new CommandAnswer(thing, commandId, status, detail?.Replace('\0', ' ')), null);
    }
}
