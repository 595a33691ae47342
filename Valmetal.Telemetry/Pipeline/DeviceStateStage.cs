using Valmetal.Telemetry.DeviceStateUpdates;
using Valmetal.Telemetry.Storage;

namespace Valmetal.Telemetry.Pipeline;

/// <summary>
/// Writes the batch's status and reported-state statements to the device shadow. Devices fail alone: a transient
/// failure retries only the devices that failed, and a device whose merged write DynamoDB refuses is written again
/// message by message, so that only the refused messages are quarantined.
/// </summary>
public sealed partial class DeviceStateStage(
    DeviceStateWriter writer,
    StoreRetries retries,
    LatestValuesCoalescer latestValues,
    ILogger<DeviceStateStage> logger)
{
    /// <returns>Quarantine records of the messages DynamoDB refused.</returns>
    public async Task<IReadOnlyList<RejectedMessage>> WriteAsync(IReadOnlyList<DeviceStates> devices, CancellationToken ct)
    {
        var quarantined = new List<RejectedMessage>();
        if (devices.Count == 0)
        {
            return quarantined;
        }

        var refused = await WriteRetryingAsync(devices.Select(d => d.Change).ToList(), ct);
        foreach (var device in devices.Where(d => refused.ContainsKey(d.Change.Thing)))
        {
            LogDeviceRefused(refused[device.Change.Thing], device.Change.Thing);
            foreach (var item in device.Items)
            {
                var change = item.StateChange!;
                if (change.Online is null && change.Reported is null)
                {
                    latestValues.Add(change);
                    continue;
                }

                if ((await WriteRetryingAsync([change], ct)).TryGetValue(change.Thing, out var error))
                {
                    quarantined.Add(StoreRefusals.Record(item, "DynamoDB", error));
                }
            }
        }

        return quarantined;
    }

    /// <returns>The devices DynamoDB refused, with the refusal.</returns>
    private async Task<Dictionary<string, Exception>> WriteRetryingAsync(IReadOnlyCollection<DeviceStateChange> changes, CancellationToken ct)
    {
        var refused = new Dictionary<string, Exception>(StringComparer.Ordinal);
        var pending = changes;
        await retries.RunAsync(retries.DynamoDb, StoreRetries.DynamoDbStore, async token =>
        {
            var failures = await writer.WriteEachAsync(pending, token);
            foreach (var failure in failures.Where(f => StoreFailure.Classify(f.Error) == FailureKind.Permanent))
            {
                refused[failure.Change.Thing] = failure.Error;
            }

            var transient = failures.Where(f => StoreFailure.Classify(f.Error) == FailureKind.Transient).ToList();
            if (transient.Count > 0)
            {
                pending = transient.Select(f => f.Change).ToList();
                throw new AggregateException(transient.Select(f => f.Error));
            }

            return true;
        }, ct);
        return refused;
    }

    [LoggerMessage(LogLevel.Warning, "DynamoDB refused the state of {Thing}; writing its messages one by one to quarantine the refused ones")]
    private partial void LogDeviceRefused(Exception ex, string thing);
}
