using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>Where the cache reads device state from: DynamoDB, or a canned source in tests.</summary>
public interface IDeviceStateSource
{
    /// <summary>The items found; a thing never heard from has none.</summary>
    Task<Dictionary<string, DeviceStateSnapshot>> GetManyAsync(IReadOnlyCollection<string> things, bool consistent, CancellationToken ct);
}

/// <summary>Reads device state items from DynamoDB, many at a time with BatchGetItem (100 keys per call).</summary>
public sealed class DeviceStateReader(IAmazonDynamoDB dynamo, IOptions<DeviceStateOptions> options) : IDeviceStateSource
{
    private const int BatchGetLimit = 100;

    public async Task<DeviceStateSnapshot?> GetAsync(string thing, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = options.Value.TableName,
            Key = Key(thing),
            ConsistentRead = true,
        }, ct);
        return response.Item is { Count: > 0 } item ? DeviceStateSnapshot.FromItem(item) : null;
    }

    public async Task<Dictionary<string, DeviceStateSnapshot>> GetManyAsync(IReadOnlyCollection<string> things, bool consistent, CancellationToken ct)
    {
        var found = new Dictionary<string, DeviceStateSnapshot>(StringComparer.Ordinal);
        foreach (var chunk in things.Distinct().Chunk(BatchGetLimit))
        {
            var request = new Dictionary<string, KeysAndAttributes>
            {
                [options.Value.TableName] = new() { Keys = chunk.Select(Key).ToList(), ConsistentRead = consistent },
            };
            while (request is { Count: > 0 })
            {
                var response = await dynamo.BatchGetItemAsync(request, ct);
                if (response.Responses?.TryGetValue(options.Value.TableName, out var items) == true)
                {
                    foreach (var item in items)
                    {
                        var snapshot = DeviceStateSnapshot.FromItem(item);
                        found[snapshot.Thing] = snapshot;
                    }
                }

                request = response.UnprocessedKeys;
            }
        }

        return found;
    }

    private static Dictionary<string, AttributeValue> Key(string thing) =>
        new() { [DeviceStateAttributes.Thing] = new AttributeValue { S = thing } };
}
