namespace Valmetal.Telemetry.DeviceStateUpdates;

/// <summary>
/// Gathers the latest values and last-seen times per device between flushes, so a device sending every
/// second costs one DynamoDB write every flush interval, not one per message. The points themselves are
/// already durable in PostgreSQL; this is only the shadow's copy of the newest values.
/// </summary>
public sealed class LatestValuesCoalescer
{
    private readonly Lock _gate = new();
    private Dictionary<string, DeviceStateChange> _pending = new(StringComparer.Ordinal);

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

    /// <summary>Everything gathered since the last call; the next call starts empty.</summary>
    public IReadOnlyCollection<DeviceStateChange> TakeAll()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = new Dictionary<string, DeviceStateChange>(StringComparer.Ordinal);
            return taken.Values;
        }
    }

    /// <summary>Puts back what could not be written; newer values gathered meanwhile win the merge.</summary>
    public void Return(IEnumerable<DeviceStateChange> unwritten)
    {
        foreach (var change in unwritten)
        {
            lock (_gate)
            {
                if (_pending.TryGetValue(change.Thing, out var newer))
                {
                    change.MergeFrom(newer);
                }

                _pending[change.Thing] = change;
            }
        }
    }
}
