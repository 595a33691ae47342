using System.Collections.Frozen;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>An immutable snapshot of every known thing, swapped atomically when the catalogue is reloaded.</summary>
public sealed class DeviceCatalogue
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FrozenDictionary<string, DeviceProfile> _devices = FrozenDictionary<string, DeviceProfile>.Empty;

    /// <summary>Completes after the first load; ingestion must not judge messages against an empty catalogue.</summary>
    public Task Loaded => _loaded.Task;

    public int Count => _devices.Count;

    public bool TryGet(string thing, out DeviceProfile profile) => _devices.TryGetValue(thing, out profile!);

    public void Replace(IEnumerable<DeviceProfile> devices)
    {
        var snapshot = devices.ToFrozenDictionary(d => d.Thing, StringComparer.Ordinal);
        lock (_loaded)
        {
            _devices = snapshot;
        }

        _loaded.TrySetResult();
    }

    /// <summary>
    /// Adds one thing found since the last load (<see cref="NewThingLookup"/>). A reload that read the database before
    /// the thing was registered may drop it again; its next message looks it up once more.
    /// </summary>
    public void Add(DeviceProfile device)
    {
        lock (_loaded)
        {
            _devices = _devices.Values.Where(d => d.Thing != device.Thing).Append(device).ToFrozenDictionary(d => d.Thing, StringComparer.Ordinal);
        }
    }
}
