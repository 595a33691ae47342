using System.Collections.Concurrent;

namespace Valmetal.Telemetry.Budget;

/// <summary>
/// This replica's view of the devices in quarantine: the ones it decided itself at once, the other replicas' within
/// one <see cref="RejectionBudgetOptions.RefreshInterval"/> (<see cref="QuarantineRefreshService"/>).
/// </summary>
public sealed class DeviceQuarantine(TimeProvider time)
{
    private volatile ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <summary>When the device's quarantine ends, or null if it is not in quarantine.</summary>
    public DateTimeOffset? Until(string thing) =>
        _until.TryGetValue(thing, out var until) && until > time.GetUtcNow() ? until : null;

    public void Add(string thing, DateTimeOffset until) => _until[thing] = until;

    public void Replace(IEnumerable<(string Thing, DateTimeOffset Until)> active) =>
        _until = new ConcurrentDictionary<string, DateTimeOffset>(active.Select(a => KeyValuePair.Create(a.Thing, a.Until)), StringComparer.Ordinal);
}
