using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Valmetal.DeviceState;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Applies merged state changes to DynamoDB: one UpdateItem per device per batch, never one per message.
/// Each metric and reported key is its own attribute, so concurrent replicas merge instead of overwriting.
/// </summary>
public sealed class DeviceStateWriter(IAmazonDynamoDB dynamo, IOptions<DeviceStateOptions> options)
{
    private const int MaxConcurrentWrites = 16;

    public async Task WriteAsync(IReadOnlyCollection<DeviceStateChange> changes, CancellationToken ct)
    {
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentWrites, CancellationToken = ct },
            async (change, token) => await dynamo.UpdateItemAsync(BuildUpdate(change), token));
    }

    private UpdateItemRequest BuildUpdate(DeviceStateChange change)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var sets = new List<string>();
        var removes = new List<string>();

        void Set(string attribute, AttributeValue value)
        {
            var index = names.Count.ToString(CultureInfo.InvariantCulture);
            names["#a" + index] = attribute;
            values[":v" + index] = value;
            sets.Add($"#a{index} = :v{index}");
        }

        if (change.LastSeen is { } seen)
        {
            Set(DeviceStateAttributes.LastSeen, AttributeValueJson.Timestamp(seen));
        }

        if (change.Online is { } online)
        {
            Set(DeviceStateAttributes.Online, new AttributeValue { BOOL = online });
            Set(DeviceStateAttributes.StatusChangedAt, AttributeValueJson.Timestamp(change.StatusChangedAt!.Value));
        }

        foreach (var (metric, reading) in change.Metrics)
        {
            Set(DeviceStateAttributes.MetricPrefix + metric, new AttributeValue
            {
                M = new Dictionary<string, AttributeValue>
                {
                    [DeviceStateAttributes.MetricValue] = AttributeValueJson.Number(reading.Value),
                    [DeviceStateAttributes.MetricTimestamp] = AttributeValueJson.Timestamp(reading.Ts),
                },
            });
        }

        if (change.Reported is not null)
        {
            void Remove(string attribute)
            {
                var index = names.Count.ToString(CultureInfo.InvariantCulture);
                names["#a" + index] = attribute;
                removes.Add("#a" + index);
            }

            var reportedAt = AttributeValueJson.Timestamp(change.LastSeen ?? DateTimeOffset.UtcNow);
            foreach (var (key, value) in change.Reported)
            {
                if (value is null)
                {
                    Remove(DeviceStateAttributes.ReportedPrefix + key);
                    Remove(DeviceStateAttributes.ReportedTimestampPrefix + key);
                }
                else
                {
                    Set(DeviceStateAttributes.ReportedPrefix + key, AttributeValueJson.ToAttributeValue(value));
                    Set(DeviceStateAttributes.ReportedTimestampPrefix + key, reportedAt);
                }
            }

            Set(DeviceStateAttributes.ReportedVersion, new AttributeValue { N = change.ReportedVersion!.Value.ToString(CultureInfo.InvariantCulture) });
        }

        var expression = (sets.Count > 0 ? "SET " + string.Join(", ", sets) : string.Empty)
            + (removes.Count > 0 ? " REMOVE " + string.Join(", ", removes) : string.Empty);
        return new UpdateItemRequest
        {
            TableName = options.Value.TableName,
            Key = new Dictionary<string, AttributeValue> { [DeviceStateAttributes.Thing] = new() { S = change.Thing } },
            UpdateExpression = expression.Trim(),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values.Count > 0 ? values : null,
        };
    }
}
