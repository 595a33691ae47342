using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Valmetal.DeviceState;
using Valmetal.Telemetry.DeviceStateUpdates;
using static Valmetal.Telemetry.Tests.Validation.ValidatorFixture;

namespace Valmetal.Telemetry.Tests.DeviceStateUpdates;

public sealed class DeviceStateWriterTests
{
    /// <summary>Only builds requests: the client is never called.</summary>
    private readonly DeviceStateWriter _writer = new(
        new AmazonDynamoDBClient(new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" }),
        Options.Create(new DeviceStateOptions { TableName = "device-state" }));

    [Fact]
    public void A_small_change_is_one_update()
    {
        var change = new DeviceStateChange(Mixer).Seen(Now).Status(true, Now).Report(new JsonObject { ["mode"] = "auto" }, 3);

        var update = Assert.Single(_writer.BuildUpdates(change));

        Assert.Equal(6, update.ExpressionAttributeNames.Count);
    }

    [Fact]
    public void Merged_state_past_the_expression_limit_is_split_with_every_attribute_once_and_the_version_last()
    {
        var change = new DeviceStateChange(Mixer).Seen(Now).Status(true, Now);
        for (var message = 0; message < 10; message++)
        {
            var reported = new JsonObject();
            for (var key = 0; key < 100; key++)
            {
                reported[$"key_{message}_{key}"] = message % 2 == 0 ? key : null;
            }

            change.Report(reported, message);
        }

        var updates = _writer.BuildUpdates(change);

        Assert.True(updates.Count > 1);
        Assert.All(updates, u => Assert.True(u.UpdateExpression.Length <= DynamoDbLimits.MaxExpressionBytes, $"{u.UpdateExpression.Length} bytes"));
        var attributes = updates.SelectMany(u => u.ExpressionAttributeNames.Values).ToList();
        Assert.Equal(attributes.Count, attributes.Distinct().Count());
        Assert.Equal(3 + (1000 * 2) + 1, attributes.Count);
        Assert.Contains(DeviceStateAttributes.ReportedVersion, updates[^1].ExpressionAttributeNames.Values);
        Assert.Contains(DeviceStateAttributes.Online, updates[0].ExpressionAttributeNames.Values);
        Assert.All(updates, u => Assert.All(u.ExpressionAttributeNames.Keys, name => Assert.Contains(name, u.UpdateExpression)));
    }
}
