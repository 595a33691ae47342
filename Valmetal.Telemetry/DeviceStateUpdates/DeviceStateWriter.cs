using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Valmetal.DeviceState;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Applies merged state changes to DynamoDB: one UpdateItem per device per batch, never one per message, unless
/// the update expression would pass DynamoDB's 4 KB limit; then the change is split, status and values first and
/// the reported version last. Each metric and reported key is its own attribute, so concurrent replicas merge
/// instead of overwriting. Devices are written independently: one device's failure is returned, not thrown.
/// </summary>
public sealed class DeviceStateWriter(IAmazonDynamoDB dynamo, IOptions<DeviceStateOptions> options)
{
    private const int MaxConcurrentWrites = 16;

    /// <summary>Writes every change; returns those that failed with their error, and leaves retrying to the caller.</summary>
    public async Task<IReadOnlyList<StateWriteFailure>> WriteEachAsync(IReadOnlyCollection<DeviceStateChange> changes, CancellationToken ct)
    {
        var failures = new ConcurrentBag<StateWriteFailure>();
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentWrites, CancellationToken = ct },
            async (change, token) =>
            {
                try
                {
                    foreach (var update in BuildUpdates(change))
                    {
                        await dynamo.UpdateItemAsync(update, token);
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    failures.Add(new StateWriteFailure(change, ex));
                }
            });
        return [.. failures];
    }

    public IReadOnlyList<UpdateItemRequest> BuildUpdates(DeviceStateChange change)
    {
        var updates = new UpdateBuilder(options.Value.TableName, change.Thing);
        if (change.LastSeen is { } seen)
        {
            updates.Set(DeviceStateAttributes.LastSeen, AttributeValueJson.Timestamp(seen));
        }

        if (change.Online is { } online)
        {
            updates.Set(DeviceStateAttributes.Online, new AttributeValue { BOOL = online });
            updates.Set(DeviceStateAttributes.StatusChangedAt, AttributeValueJson.Timestamp(change.StatusChangedAt!.Value));
        }

        foreach (var (metric, reading) in change.Metrics)
        {
            updates.Set(DeviceStateAttributes.MetricPrefix + metric, new AttributeValue
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
            var reportedAt = AttributeValueJson.Timestamp(change.LastSeen ?? DateTimeOffset.UtcNow);
            foreach (var (key, value) in change.Reported)
            {
                if (value is null)
                {
                    updates.Remove(DeviceStateAttributes.ReportedPrefix + key, DeviceStateAttributes.ReportedTimestampPrefix + key);
                }
                else
                {
                    updates.Set(DeviceStateAttributes.ReportedPrefix + key, AttributeValueJson.ToAttributeValue(value));
                    updates.Set(DeviceStateAttributes.ReportedTimestampPrefix + key, reportedAt);
                }
            }

            updates.Set(DeviceStateAttributes.ReportedVersion, new AttributeValue { N = change.ReportedVersion!.Value.ToString(CultureInfo.InvariantCulture) });
        }

        return updates.Build();
    }

    /// <summary>Collects SET and REMOVE actions into as few UpdateItem requests as the expression limit allows.</summary>
    private sealed class UpdateBuilder(string table, string thing)
    {
        /// <summary>Room left under the limit for the clause keywords and separators.</summary>
        private const int ExpressionBudget = DynamoDbLimits.MaxExpressionBytes - 64;

        private readonly List<UpdateItemRequest> _done = [];
        private Dictionary<string, string> _names = [];
        private Dictionary<string, AttributeValue> _values = [];
        private List<string> _sets = [];
        private List<string> _removes = [];
        private int _length;

        public void Set(string attribute, AttributeValue value)
        {
            var index = Reserve(1);
            _names["#a" + index] = attribute;
            _values[":v" + index] = value;
            Add(_sets, $"#a{index} = :v{index}");
        }

        /// <summary>Removes attributes that belong together (a value and its timestamp) in the same request.</summary>
        public void Remove(params string[] attributes)
        {
            Reserve(attributes.Length);
            foreach (var attribute in attributes)
            {
                var index = _names.Count.ToString(CultureInfo.InvariantCulture);
                _names["#a" + index] = attribute;
                Add(_removes, "#a" + index);
            }
        }

        public IReadOnlyList<UpdateItemRequest> Build()
        {
            Flush();
            return _done;
        }

        /// <summary>Starts a new request when the next actions might not fit; returns the next placeholder index.</summary>
        private string Reserve(int actions)
        {
            // "#a999 = :v999, " is 15 bytes: a generous bound per action.
            if (_length + (actions * 16) > ExpressionBudget)
            {
                Flush();
            }

            return _names.Count.ToString(CultureInfo.InvariantCulture);
        }

        private void Add(List<string> clause, string action)
        {
            clause.Add(action);
            _length += action.Length + 2;
        }

        private void Flush()
        {
            if (_sets.Count == 0 && _removes.Count == 0)
            {
                return;
            }

            var expression = (_sets.Count > 0 ? "SET " + string.Join(", ", _sets) : string.Empty)
                + (_removes.Count > 0 ? " REMOVE " + string.Join(", ", _removes) : string.Empty);
            _done.Add(new UpdateItemRequest
            {
                TableName = table,
                Key = new Dictionary<string, AttributeValue> { [DeviceStateAttributes.Thing] = new() { S = thing } },
                UpdateExpression = expression.Trim(),
                ExpressionAttributeNames = _names,
                ExpressionAttributeValues = _values.Count > 0 ? _values : null,
            });
            _names = [];
            _values = [];
            _sets = [];
            _removes = [];
            _length = 0;
        }
    }
}

/// <summary>A device whose state could not be written, and why.</summary>
public sealed record StateWriteFailure(DeviceStateChange Change, Exception Error);
