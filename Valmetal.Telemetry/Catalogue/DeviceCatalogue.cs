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
        _devices = devices.ToFrozenDictionary(d => d.Thing, StringComparer.Ordinal);
        _loaded.TrySetResult();
    }
}
