using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Valmetal.Api.Features.DeviceState;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceState;

namespace Valmetal.Api.Tests.DeviceState;

/// <summary>DynamoDB's device state as a test sets it, counting what is read and how.</summary>
public sealed class CannedDeviceStates : IDeviceStateSource
{
    private readonly ConcurrentDictionary<string, DeviceStateSnapshot> _items = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public List<string> KeysRead { get; } = [];

    public bool? LastConsistent { get; private set; }

    public void Set(DeviceStateSnapshot snapshot) => _items[snapshot.Thing] = snapshot;

    public Task<Dictionary<string, DeviceStateSnapshot>> GetManyAsync(IReadOnlyCollection<string> things, bool consistent, CancellationToken ct)
    {
        lock (KeysRead)
        {
            Reads++;
            KeysRead.AddRange(things);
            LastConsistent = consistent;
        }

        return Task.FromResult(things.Where(_items.ContainsKey).Distinct().ToDictionary(t => t, t => _items[t], StringComparer.Ordinal));
    }

    public static DeviceStateSnapshot State(string thing, DateTimeOffset at, bool online = true, long desiredVersion = 0,
        params (string Metric, double Value)[] metrics) => new(
        thing, online, at, at,
        metrics.ToDictionary(m => m.Metric, m => new MetricReading(m.Value, at), StringComparer.Ordinal),
        new JsonObject(), null,
        desiredVersion == 0 ? new JsonObject() : new JsonObject { ["fan_speed"] = desiredVersion },
        desiredVersion,
        new Dictionary<string, DateTimeOffset>(), new Dictionary<string, DateTimeOffset>());
}
