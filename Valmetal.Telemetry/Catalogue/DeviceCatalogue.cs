using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Valmetal.Telemetry.Catalogue;

/// <summary>
/// Every known thing, read on each message without a lock: readers take one immutable snapshot, and writers swap in
/// a new one. A reload replaces the whole snapshot; a thing found between reloads is added to a small overlay beside
/// the loaded set, so that adding one costs a lookup in the few things found, not a copy of the whole fleet.
/// </summary>
public sealed class DeviceCatalogue
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Snapshot _current = new(FrozenDictionary<string, DeviceProfile>.Empty, ImmutableDictionary.Create<string, DeviceProfile>(StringComparer.Ordinal));

    /// <summary>Completes after the first load; ingestion must not judge messages against an empty catalogue.</summary>
    public Task Loaded => _loaded.Task;

    public int Count => _current.Count;

    public bool TryGet(string thing, out DeviceProfile profile) => _current.TryGet(thing, out profile);

    public void Replace(IEnumerable<DeviceProfile> devices)
    {
        var loaded = devices.ToFrozenDictionary(d => d.Thing, StringComparer.Ordinal);
        lock (_loaded)
        {
            _current = new Snapshot(loaded, _current.Found.Clear());
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
            _current = _current with { Found = _current.Found.SetItem(device.Thing, device) };
        }
    }

    /// <summary>A thing in both (a reload that raced its lookup) is the found copy, the one added last.</summary>
    private sealed record Snapshot(FrozenDictionary<string, DeviceProfile> Loaded, ImmutableDictionary<string, DeviceProfile> Found)
    {
        public int Count => Loaded.Count + Found.Keys.Count(thing => !Loaded.ContainsKey(thing));

        public bool TryGet(string thing, out DeviceProfile profile) =>
            (Found.Count > 0 && Found.TryGetValue(thing, out profile!)) || Loaded.TryGetValue(thing, out profile!);
    }
}
