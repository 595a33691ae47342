using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Valmetal.Api.Data;
using Valmetal.Api.Features.Broker;
using Valmetal.Api.Features.Models;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Security;
using Valmetal.DeviceContract;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

public static class DesiredConfigApi
{
    public static RouteGroupBuilder MapDesiredConfigApi(this RouteGroupBuilder api)
    {
        api.MapPut("equipment/{serialNumber}/desired", SetDesired).WithTags("Device state").WithName("SetDesiredConfiguration")
            .WithSummary("Merges desired configuration into the device's shadow and sends it to the device; needs If-Match with the state's ETag.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithDescription("The delta (desired keys the device has not reported yet) is in the device state until the device reports the values.");
        return api;
    }

    public static async Task<Results<Ok<DeviceStateResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SetDesired(
        string serialNumber, DesiredConfigRequest request, CurrentUser user, ValmetalDbContext db, IAmazonDynamoDB dynamo,
        IOptions<DeviceStateOptions> options, DeviceStateReader reader, DeviceStateCache cache, DevicePublisher broker, TimeProvider time, HttpContext http,
        CancellationToken ct)
    {
        var model = await db.Equipment.AsNoTracking().VisibleTo(user).Where(e => e.SerialNumber == serialNumber)
            .Select(e => new { e.FarmId, e.Model!.InactivityTimeoutSeconds, Settings = e.Model.Settings.ToList() }).FirstOrDefaultAsync(ct);
        if (model is null)
        {
            return TypedResults.NotFound();
        }

        if (!Concurrency.TryReadIfMatch(http, out var expected, out var precondition))
        {
            return precondition!;
        }

        var validation = request.Validate();
        if (validation.IsValid)
        {
            DesiredSettings.Check(model.Settings, request.Desired, validation);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        // A 503 before the write rather than after it: a configuration stored but not sent would wait for the next change.
        broker.EnsureConnected();

        // The conditional write below still decides who wins; this read only checks what the merge would add up to.
        var current = await reader.GetAsync(serialNumber, ct);
        if (current is not null)
        {
            // A caller whose If-Match is stale reads the version it lost to from this replica at once.
            cache.Put(current);
        }

        var merged = request.ValidateMerged(current?.Desired ?? []);
        if (!merged.IsValid)
        {
            return merged.ToProblem();
        }

        try
        {
            await dynamo.UpdateItemAsync(BuildUpdate(options.Value.TableName, serialNumber, request.Desired, expected, time.GetUtcNow()), ct);
        }
        catch (ConditionalCheckFailedException)
        {
            cache.Evict(serialNumber);
            return Concurrency.Stale();
        }

        var snapshot = (await reader.GetAsync(serialNumber, ct))!;
        cache.Put(snapshot);
        // Retained, like IoT Core's shadow: a device that connects later still gets its configuration. Should the link
        // fail under this publish, the caller gets a 503; the next change sends every desired key again.
        await broker.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Config(serialNumber))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new DesiredConfigPayload(snapshot.Desired, snapshot.DesiredVersion)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build(), ct);
        // The other replicas' caches re-read the unit on a desired version they have not seen. Best effort: a lost
        // notice is made good by their resync (DeviceStateCacheOptions.Resync).
        await broker.TryPublishLiveAsync(new LiveUpdate(serialNumber, model.FarmId, time.GetUtcNow(), null, null,
            DesiredVersion: snapshot.DesiredVersion), ct);
        Concurrency.SetETag(http, (uint)snapshot.DesiredVersion);
        return TypedResults.Ok(DeviceStateResponses.From(serialNumber, snapshot, TimeSpan.FromSeconds(model.InactivityTimeoutSeconds), time.GetUtcNow()));
    }

    /// <summary>One conditional write: it fails if anyone changed the desired state since the version the caller read.</summary>
    private static UpdateItemRequest BuildUpdate(string table, string thing, JsonObject desired, uint expected, DateTimeOffset now)
    {
        var names = new Dictionary<string, string> { ["#version"] = DeviceStateAttributes.DesiredVersion };
        var values = new Dictionary<string, AttributeValue>
        {
            [":expected"] = new() { N = expected.ToString(CultureInfo.InvariantCulture) },
            [":next"] = new() { N = (expected + 1).ToString(CultureInfo.InvariantCulture) },
            [":now"] = AttributeValueJson.Timestamp(now),
        };
        var sets = new List<string> { "#version = :next" };
        var removes = new List<string>();
        var index = 0;
        foreach (var (key, value) in desired)
        {
            var (name, timestamp) = ($"#d{index}", $"#t{index}");
            names[name] = DeviceStateAttributes.DesiredPrefix + key;
            names[timestamp] = DeviceStateAttributes.DesiredTimestampPrefix + key;
            if (value is null)
            {
                removes.Add(name);
                removes.Add(timestamp);
            }
            else
            {
                values[$":d{index}"] = AttributeValueJson.ToAttributeValue(value);
                sets.Add($"{name} = :d{index}");
                sets.Add($"{timestamp} = :now");
            }

            index++;
        }

        if (sets.Count == 1)
        {
            values.Remove(":now");
        }

        return new UpdateItemRequest
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { [DeviceStateAttributes.Thing] = new() { S = thing } },
            UpdateExpression = "SET " + string.Join(", ", sets) + (removes.Count > 0 ? " REMOVE " + string.Join(", ", removes) : string.Empty),
            ConditionExpression = expected == 0
                ? "attribute_not_exists(#version) OR #version = :expected"
                : "#version = :expected",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }
}
