using Microsoft.Extensions.Options;
using Valmetal.Telemetry.Ingestion;

namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Gathers the latest values and last-seen times per device between writes, so a device sending every second is due
/// once per <see cref="IngestionOptions.LatestValuesInterval"/>, at its own turn (<see cref="LatestValuesTurns"/>), not
/// once per message: at 10,000 devices a 2-second cadence would be 5,000 writes/s (docs/benchmarks.md, "Latest
/// values"). Each replica gathers its own share of the messages; <see cref="LatestValuesClaims"/> lets one of them
/// write. A device without a turn to come (one just connected, or quiet past its turn) is due at once. The points
/// themselves are already durable in PostgreSQL and the live stream carries every value as it comes; this is only the
/// shadow's copy of the newest values.
/// </summary>
public sealed class LatestValuesCoalescer(TimeProvider time, IOptions<IngestionOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceStateChange> _pending = new(StringComparer.Ordinal);

    /// <summary>The next turn of each device taken for writing; a turn that passed is forgotten.</summary>
    private readonly Dictionary<string, DateTimeOffset> _nextTurn = new(StringComparer.Ordinal);

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void Add(DeviceStateChange change)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(change.Thing, out var existing))
            {
                existing = new DeviceStateChange(change.Thing);
                _pending[change.Thing] = existing;
            }

            existing.MergeFrom(change);
        }
    }

    /// <summary>The devices whose turn has come, or that have none to come; the others keep gathering.</summary>
    public IReadOnlyCollection<DeviceStateChange> TakeDue()
    {
        var now = time.GetUtcNow();
        var spacing = LatestValuesTurns.MinimumSpacing(options.Value);
        lock (_gate)
        {
            foreach (var (thing, _) in _nextTurn.Where(t => t.Value <= now).ToList())
            {
                _nextTurn.Remove(thing);
            }

            var due = _pending.Values.Where(c => !_nextTurn.ContainsKey(c.Thing)).ToList();
            foreach (var change in due)
            {
                _pending.Remove(change.Thing);
                _nextTurn[change.Thing] = LatestValuesTurns.NextTurn(change.Thing, now + spacing, options.Value.LatestValuesInterval);
            }

            return due;
        }
    }

    /// <summary>Everything gathered, due or not: on shutdown, so nothing waits for a next interval that never comes.</summary>
    public IReadOnlyCollection<DeviceStateChange> TakeAll()
    {
        lock (_gate)
        {
            var taken = _pending.Values.ToList();
            _pending.Clear();
            return taken;
        }
    }

    /// <summary>Puts back what could not be written, due again at once; newer values gathered meanwhile win the merge.</summary>
    public void Return(IEnumerable<DeviceStateChange> unwritten)
    {
        lock (_gate)
        {
            foreach (var change in unwritten)
            {
                if (_pending.TryGetValue(change.Thing, out var newer))
                {
                    change.MergeFrom(newer);
                }

                _pending[change.Thing] = change;
                _nextTurn.Remove(change.Thing);
            }
        }
    }
}
