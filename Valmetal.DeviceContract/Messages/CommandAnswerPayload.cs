using System.Text.Json.Serialization;
using Valmetal.DeviceContract.Commands;

namespace Valmetal.DeviceContract.Messages;

/// <summary>
/// Body of <c>cmd/valmetal/{thing}/res/{commandId}</c>: the device's answer, a status it may set
/// (<see cref="CommandStatuses.AnsweredByDevices"/>, in lower case) and what it has to say about it.
/// </summary>
public sealed record CommandAnswerPayload(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("detail")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: JsonConverter(typeof(TextOrNothingConverter))]
    string? Detail = null)
{
    public const int MaxDetailLength = 1024;

    public static CommandAnswerPayload Of(CommandStatus status, string? detail = null) => new(status.DeviceName(), detail);
}
