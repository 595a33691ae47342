using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using Valmetal.BrokerClient;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.DeviceSimulator.Devices;

/// <summary>Commands and desired configuration arriving from the cloud.</summary>
public sealed partial class SimulatedDevice
{
    public const string ResetFaultCommand = "reset_fault";

    /// <summary>
    /// A message from the cloud. A link lost while answering it is logged here: MQTTnet would pass it only to its own
    /// logger, which nothing reads, and the answer would go missing without a trace.
    /// </summary>
    private async Task HandleAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        try
        {
            await (Topics.TryParseCommandRequest(message.Topic, out _, out var commandId)
                ? AnswerCommandAsync(message, commandId, ct)
                : ApplyConfigurationAsync(message, ct));
        }
        catch (Exception ex) when (BoundedCalls.IsLinkFailure(ex))
        {
            LogAnswerFailed(ex, Thing, message.Topic);
        }
    }

    /// <summary>Accepts a command at once and reports it done a moment later, as a controller finishing an action would.</summary>
    private async Task AnswerCommandAsync(MqttApplicationMessage message, Guid commandId, CancellationToken ct)
    {
        var response = Topics.CommandResponse(Thing, commandId);
        await PublishAsync(response, CommandAnswerPayload.Of(CommandStatus.Accepted), retain: false, ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        var name = Read<CommandPayload>(message)?.Name;
        var detail = name == ResetFaultCommand
            ? await ResetFaultAsync(DateTimeOffset.UtcNow, ct)
            : "done by the simulator";
        await PublishAsync(response, CommandAnswerPayload.Of(CommandStatus.Succeeded, detail), retain: false, ct);
        if (ReportedModeAfter(name) is { } mode)
        {
            await PublishAsync(Topics.State(Thing), new StatePayload(new JsonObject { ["mode"] = mode }, NextStateVersion()), retain: false, ct);
        }
    }

    /// <summary>What a controller reports after start or stop, so the command's effect shows in the shadow.</summary>
    private static string? ReportedModeAfter(string? command) => command switch
    {
        "start" => "auto",
        "stop" => "stopped",
        _ => null,
    };

    /// <summary>Like real equipment: apply the desired configuration, then report the values now in force.</summary>
    private async Task ApplyConfigurationAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        if (message.Topic != Topics.Config(Thing))
        {
            return;
        }

        var desired = Read<DesiredConfigPayload>(message)?.Desired;
        if (desired is { Count: > 0 })
        {
            await PublishAsync(Topics.State(Thing), new StatePayload((JsonObject)desired.DeepClone(), NextStateVersion()), retain: false, ct);
        }
    }

    /// <summary>The cloud's message, or null when it is not one: a device ignores what it cannot read.</summary>
    private static T? Read<T>(MqttApplicationMessage message) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message.ConvertPayloadToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Thing} lost its link while answering {Topic}")]
    private partial void LogAnswerFailed(Exception ex, string thing, string topic);
}
