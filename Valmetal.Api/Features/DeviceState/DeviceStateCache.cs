using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Messages;
using Valmetal.DeviceState;

namespace Valmetal.Api.Features.DeviceState;

/// <summary>
/// This replica's copy of device state, kept current by the live stream (<see cref="Live.LiveUpdateHub"/>) so reads
/// of fleet and unit state do not go to DynamoDB on every request. A unit enters only when a request that already
/// checked it against the equipment table reads it (so the cache holds registered units, never keys from the wire),
/// loaded from DynamoDB on first use. While the live stream is down the cache is bypassed, and it starts empty
/// again when the stream is back, since whatever was published in between is lost. Gaps within a connected stream
/// are covered by <see cref="DeviceStateResync"/> and by re-reading a unit whose reported or desired version moved.
/// </summary>
public sealed class DeviceStateCache(IDeviceStateSource source, IOptions<DeviceStateCacheOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _feedGate = new();
    private bool _live;
    private long _generation;

    public bool IsLive => Volatile.Read(ref _live);

    public int Count => _entries.Count;

    /// <summary>The live stream is subscribed: start from an empty cache, as updates may have been missed before.</summary>
    public void FeedConnected() => SetFeed(live: true);

    /// <summary>The live stream dropped: read the store until it is back.</summary>
    public void FeedLost() => SetFeed(live: false);

    /// <summary>
    /// The state of each of <paramref name="things"/> (null: never heard from). <paramref name="consistent"/> is the
    /// read the caller would make without the cache; a unit loaded into the cache is always read consistently, so the
    /// desired version it holds is the one a conditional write checks.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DeviceStateSnapshot?>> GetManyAsync(IReadOnlyCollection<string> things, bool consistent, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        if (!IsLive)
        {
            var read = await source.GetManyAsync(things, consistent, ct);
            return things.Distinct().ToDictionary(t => t, t => read.GetValueOrDefault(t), StringComparer.Ordinal);
        }

        var now = time.GetUtcNow();
        var found = new Dictionary<string, DeviceStateSnapshot?>(things.Count, StringComparer.Ordinal);
        List<string>? misses = null;
        foreach (var thing in things)
        {
            if (_entries.TryGetValue(thing, out var entry))
            {
                found[thing] = entry.Read(now);
            }
            else
            {
                (misses ??= []).Add(thing);
            }
        }

        if (misses is not null)
        {
            var loaded = await source.GetManyAsync(misses, consistent: true, ct);
            foreach (var thing in misses)
            {
                found[thing] = Remember(thing, loaded.GetValueOrDefault(thing), generation, now);
            }
        }

        return found;
    }

    public async Task<DeviceStateSnapshot?> GetAsync(string thing, bool consistent, CancellationToken ct) =>
        (await GetManyAsync([thing], consistent, ct))[thing];

    /// <summary>What a live update says, for a unit the cache holds; a version the cache has not seen means re-read.</summary>
    public void Apply(LiveUpdate update)
    {
        if (!_entries.TryGetValue(update.Thing, out var entry))
        {
            return;
        }

        if (update.ReportedVersion is not null || update.DesiredVersion > entry.DesiredVersion)
        {
            // Reported and desired state are not on the wire: the next read of this unit loads them from the store.
            Evict(update.Thing);
            return;
        }

        // An alarm's change says nothing about the state: a unit never heard from stays so.
        if (update.Metrics is not null || update.Online is not null || update.LastSeen is not null)
        {
            entry.Update(s => DeviceStateMerge.Apply(s, update));
        }
    }

    /// <summary>A consistent read this replica made anyway (around a desired-configuration write).</summary>
    public void Put(DeviceStateSnapshot snapshot) => Remember(snapshot.Thing, snapshot, Interlocked.Read(ref _generation), null);

    public void Evict(string thing) => _entries.TryRemove(thing, out _);

    /// <summary>Drops units nobody read within <see cref="DeviceStateCacheOptions.IdleAfter"/> and reads the rest again.</summary>
    public async Task ResyncAsync(CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var idleSince = time.GetUtcNow() - options.Value.IdleAfter;
        var held = new List<string>();
        foreach (var (thing, entry) in _entries)
        {
            if (entry.LastRead < idleSince)
            {
                _entries.TryRemove(KeyValuePair.Create(thing, entry));
            }
            else
            {
                held.Add(thing);
            }
        }

        if (held.Count == 0 || !IsLive)
        {
            return;
        }

        var read = await source.GetManyAsync(held, consistent: false, ct);
        lock (_feedGate)
        {
            if (Interlocked.Read(ref _generation) != generation)
            {
                return;
            }

            foreach (var (thing, snapshot) in read)
            {
                if (_entries.TryGetValue(thing, out var entry))
                {
                    entry.Update(s => DeviceStateMerge.Newest(s, snapshot));
                }
            }
        }
    }

    private DeviceStateSnapshot? Remember(string thing, DeviceStateSnapshot? read, long generation, DateTimeOffset? readAt)
    {
        if (_entries.TryGetValue(thing, out var entry))
        {
            return entry.Update(s => DeviceStateMerge.Newest(s, read));
        }

        lock (_feedGate)
        {
            // A read that started before the stream dropped or came back may have missed what was published meanwhile.
            if (!IsLive || Interlocked.Read(ref _generation) != generation || _entries.Count >= options.Value.MaxUnits)
            {
                return read;
            }

            entry = _entries.GetOrAdd(thing, _ => new Entry(read, readAt ?? time.GetUtcNow()));
        }

        return entry.Update(s => DeviceStateMerge.Newest(s, read));
    }

    private void SetFeed(bool live)
    {
        lock (_feedGate)
        {
            Interlocked.Increment(ref _generation);
            _entries.Clear();
            Volatile.Write(ref _live, live);
        }
    }

    /// <summary>One unit: its latest snapshot (replaced whole, never changed) and when a request last read it.</summary>
    private sealed class Entry(DeviceStateSnapshot? snapshot, DateTimeOffset readAt)
    {
        private readonly Lock _gate = new();
        private DeviceStateSnapshot? _snapshot = snapshot;
        private long _lastRead = readAt.UtcTicks;

        public DateTimeOffset LastRead => new(Interlocked.Read(ref _lastRead), TimeSpan.Zero);

        public long DesiredVersion => Volatile.Read(ref _snapshot)?.DesiredVersion ?? 0;

        public DeviceStateSnapshot? Read(DateTimeOffset now)
        {
            Interlocked.Exchange(ref _lastRead, now.UtcTicks);
            return Volatile.Read(ref _snapshot);
        }

        public DeviceStateSnapshot? Update(Func<DeviceStateSnapshot?, DeviceStateSnapshot?> change)
        {
            lock (_gate)
            {
                var next = change(_snapshot);
                Volatile.Write(ref _snapshot, next);
                return next;
            }
        }
    }
}
