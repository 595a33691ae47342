using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Features.Broker;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Commands;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Api.Features.Commands;

public static class CommandsApi
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(CommandsApi));

    public static RouteGroupBuilder MapCommandsApi(this RouteGroupBuilder api)
    {
        var commands = api.MapGroup("equipment/{serialNumber}/commands").WithTags("Commands");
        commands.MapPost("/", Send).WithName("SendCommand").ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Sends a command to the equipment; its life (pending, accepted, succeeded, failed, rejected, expired) is recorded.");
        commands.MapGet("/", List).WithName("ListCommands").WithSummary("The equipment's recent commands, newest first.");
        commands.MapGet("/{commandId:guid}", Get).WithName("GetCommand").WithSummary("One command and where it is in its life.");
        return api;
    }

    public static async Task<Results<Created<CommandResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Send(
        string serialNumber, SendCommandRequest request, CurrentUser user, ValmetalDbContext db, DevicePublisher broker, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Equipment.VisibleTo(user).AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        // A command that cannot be sent is not recorded: the caller is told to try again (503).
        broker.EnsureConnected();
        var now = time.GetUtcNow();
        var command = new DeviceCommand
        {
            Id = Guid.CreateVersion7(), SerialNumber = serialNumber, Name = request.Name, Arguments = (request.Args ?? []).ToJsonString(),
            Status = CommandStatus.Pending, CreatedAt = now, ExpiresAt = now.AddSeconds(request.ExpiresInSeconds), CreatedBySub = user.Sub,
        };
        db.DeviceCommands.Add(command);
        await db.SaveChangesAsync(ct);
        try
        {
            await broker.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(Topics.CommandRequest(serialNumber, command.Id))
                .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new CommandPayload(command.Name, JsonNode.Parse(command.Arguments)?.AsObject(), command.ExpiresAt)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithMessageExpiryInterval((uint)request.ExpiresInSeconds)
                .Build(), ct);
        }
        catch (BrokerUnavailableException)
        {
            // The link failed under the publish: the command's history says it was never sent, and the caller gets a 503.
            command.Status = CommandStatus.Failed;
            // Stored with the command, in the language of whoever sent it, who is the one waiting for the answer.
            command.Detail = Text["BrokerUnreachable"];
            command.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            throw;
        }

        return TypedResults.Created($"/api/equipment/{serialNumber}/commands/{command.Id}", ToResponse(command, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<List<CommandResponse>>, NotFound>> List(
        string serialNumber, CurrentUser user, ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Equipment.VisibleTo(user).AnyAsync(e => e.SerialNumber == serialNumber, ct))
        {
            return TypedResults.NotFound();
        }

        var commands = await db.DeviceCommands.AsNoTracking().Where(c => c.SerialNumber == serialNumber)
            .InTenure(db.Equipment, user, c => c.SerialNumber, c => c.CreatedAt)
            .OrderByDescending(c => c.CreatedAt).Take(100).ToListAsync(ct);
        return TypedResults.Ok(commands.Select(c => ToResponse(c, time.GetUtcNow())).ToList());
    }

    public static async Task<Results<Ok<CommandResponse>, NotFound>> Get(
        string serialNumber, Guid commandId, CurrentUser user, ValmetalDbContext db, TimeProvider time, CancellationToken ct)
    {
        var command = await db.DeviceCommands.AsNoTracking().Where(c => c.Id == commandId && c.SerialNumber == serialNumber)
            .InTenure(db.Equipment, user, c => c.SerialNumber, c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        return command is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(command, time.GetUtcNow()));
    }

    /// <summary>A command nobody answered before its expiry is expired, whether or not a sweep has written that yet.</summary>
    private static CommandResponse ToResponse(DeviceCommand c, DateTimeOffset now)
    {
        var status = c.Status == CommandStatus.Pending && now > c.ExpiresAt ? CommandStatus.Expired : c.Status;
        return new CommandResponse(c.Id, c.SerialNumber, c.Name, (JsonObject)JsonNode.Parse(c.Arguments)!, status.ToString(), c.Detail, c.CreatedAt, c.ExpiresAt, c.UpdatedAt);
    }
}
